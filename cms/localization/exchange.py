"""Batch exchange with translation agencies: one PO file per article, out and back in.

`export_translations` writes the PO of every article translation into one language (a folder
or a .zip). `import_translations` reads files, folders or zips back. A file is applied only if
it is valid as a whole: it parses, it belongs to a known translation, its language matches, it
was made from the current version of the source text and every translation in it is well
formed. Valid files are saved as drafts (they go live only through review); invalid ones
change nothing and are reported with the reason.
"""

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from cms.articles.models import ArticlePage

from .protected import protected_differences

VERSION_HEADER = "X-Source-Version"
TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"


def source_version(source):
    """A fingerprint of the texts to translate: it changes whenever a source string does."""
    digest = hashlib.sha256()
    for path, data in (
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context__path", "string__data")
    ):
        digest.update(f"{path}\x1f{data}\x1e".encode())
    return digest.hexdigest()[:16]


def translation_po(translation):
    """The PO file of one translation, stamped with its language and source version."""
    po = translation.export_po()
    po.metadata["Language"] = translation.target_locale.language_code
    po.metadata[VERSION_HEADER] = source_version(translation.source)
    po.metadata["X-Source-Title"] = translation.source.object_repr
    return po


def article_translations(locale):
    """The enabled translations of English articles into `locale`, in title order."""
    return (
        Translation.objects.filter(
            target_locale=locale,
            enabled=True,
            source__locale=Locale.get_default(),
            source__specific_content_type__model=ArticlePage._meta.model_name,
            source__specific_content_type__app_label=ArticlePage._meta.app_label,
        )
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "pk")
    )


def export_translations(locale, out):
    """Write one PO file per article translated into `locale` to a folder, or a zip if `out` ends in .zip."""
    out = Path(out)
    written = []
    files = {}
    for translation in article_translations(locale):
        name = f"{slugify(translation.source.object_repr) or translation.pk}.{locale.language_code}.po"
        if name in files:
            name = f"{name[:-3]}-{translation.pk}.po"
        files[name] = str(translation_po(translation))
    if out.suffix == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
                written.append(f"{out}:{name}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(str(out / name))
    return written


@dataclass
class ImportResult:
    name: str
    imported: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def _read_files(path):
    """(name, bytes) of every PO file in a file, a folder (recursively) or a zip."""
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix in (".po", ".zip"):
                yield from _read_files(child)
    elif path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if not info.is_dir() and info.filename.endswith(".po"):
                        yield f"{path}:{info.filename}", archive.read(info)
        except zipfile.BadZipFile:
            yield str(path), None
    elif path.exists():
        yield str(path), path.read_bytes()
    else:
        yield str(path), b""


def _parse(content):
    # polib.pofile() reads a path when given a string that names a file, so go through one.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(content)
    try:
        return polib.pofile(handle.name)
    finally:
        os.unlink(handle.name)


def _check(po, locale, user):
    """(Translation, [errors]) for a parsed file; the file is applied only when there is no error."""
    translation = Translation.objects.filter(uuid=po.metadata.get(TRANSLATION_HEADER, "") or None).first()
    if translation is None:
        return None, [_("Not a translation export of this CMS (unknown or missing translation id).")]
    target = translation.target_locale.language_code
    errors = []
    language = po.metadata.get("Language", target)
    if language != target or (locale is not None and target != locale.language_code):
        expected = locale.language_code if locale is not None else target
        return translation, [
            _("The file is for “%(found)s”, not “%(expected)s”.") % {"found": language, "expected": expected}
        ]
    version = po.metadata.get(VERSION_HEADER)
    if version and version != source_version(translation.source):
        errors.append(
            _("The source text has changed since this file was exported: export it again and retranslate.")
        )
    segments = set(
        StringSegment.objects.filter(source=translation.source).values_list("context__path", "string__data")
    )
    for entry in po:
        if entry.obsolete or not entry.msgstr or entry.fuzzy:
            continue
        if (entry.msgctxt, entry.msgid) not in segments:
            errors.append(
                _("Line %(line)s: “%(text)s” is not in the current source text.")
                % {"line": entry.linenum, "text": entry.msgid[:60]}
            )
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            errors.append(_("Line %(line)s: %(error)s") % {"line": entry.linenum, "error": error})
        changed = protected_differences(
            entry.msgid, entry.msgstr, translation.source.locale.language_code, target
        )
        if changed:
            errors.append(
                _("Line %(line)s: “%(source)s” → “%(text)s” changes %(values)s.")
                % {
                    "line": entry.linenum,
                    "source": entry.msgid[:80],
                    "text": entry.msgstr[:80],
                    "values": ", ".join(map(str, changed)),
                }
            )
    if user is not None:
        page = translation.get_target_instance()
        if not page.permissions_for_user(user).can_edit():
            errors.append(_("%(user)s cannot edit translations in this language.") % {"user": user})
    return translation, errors


def translation_file_import(name, content, locale=None, user=None):
    """Check one PO file and, when valid as a whole, import it and save the translation as a draft."""
    result = ImportResult(name)
    if content is None:
        result.errors.append(_("Not a readable zip file."))
        return result
    try:
        po = _parse(content)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        result.errors.append(_("Malformed PO file: %(error)s") % {"error": error})
        return result
    translation, result.errors = _check(po, locale, user)
    if result.errors:
        return result
    entries = [e for e in po if not e.obsolete and e.msgstr and not e.fuzzy]
    clean = polib.POFile()
    clean.metadata = po.metadata
    clean.extend(entries)
    with transaction.atomic():
        translation.import_po(clean, user=user, tool_name="PO import")
        if StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale, has_error=True
        ).exists():
            transaction.set_rollback(True)
            result.errors.append(_("Some translations are not valid HTML; nothing was imported."))
            return result
        translation.save_target(user=user, publish=False)
    result.imported = len(entries)
    return result


def import_translations(path, locale=None, user=None):
    """Import every PO file under `path`; return one ImportResult per file."""
    return [
        translation_file_import(name, content, locale=locale, user=user)
        for name, content in _read_files(path)
    ]
