"""The project's own strings: locale/ holds a complete catalogue for every configured language."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|\{\w*\}")


def catalogue(code):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


def nplurals(po):
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match, "the catalogue has no Plural-Forms header"
    return int(match.group(1))


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: msgfmt would drop it"
    assert po.metadata.get("Language") == code
    forms = nplurals(po)
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            values = [entry.msgstr_plural.get(i, "") for i in range(forms)]
            if not all(value.strip() for value in values):
                problems.append(f"missing plural form: {entry.msgid!r}")
            for value in values:
                if set(PLACEHOLDER.findall(value)) - set(PLACEHOLDER.findall(entry.msgid_plural)):
                    problems.append(f"placeholder mismatch: {entry.msgid!r}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {entry.msgid!r}")
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(f"placeholder mismatch: {entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="gettext is not installed (make system-packages)"
)
def test_catalogues_cover_every_string_in_the_code(tmp_path):
    """Extract the strings marked in the code now (needs gettext: `make system-packages`); check each.

    Fails when someone adds a label, help text or message without refreshing `locale/`
    (`make messages`, then translate the new entries).
    """
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.po", "*.mo")
    # site/: the reader site's templates (its static files hold no gettext strings).
    for name in ("cms", "home", "site/templates"):
        shutil.copytree(Path(settings.BASE_DIR) / name, project / name, ignore=ignore)
    (project / "locale").mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(project)
        with override_settings(LOCALE_PATHS=[project / "locale"]):
            call_command("makemessages", locale=TRANSLATED[:1], verbosity=0)
    finally:
        os.chdir(cwd)
    current = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(project / "locale" / TRANSLATED[0] / "LC_MESSAGES" / "django.po"))
    }
    assert len(current) > 200  # the extraction really ran
    for code in TRANSLATED:
        po = catalogue(code)
        known = {(e.msgctxt, e.msgid) for e in po if not e.obsolete and e.translated() and not e.fuzzy}
        missing = sorted(msgid for _ctx, msgid in current - known)
        assert not missing, f"{code}: {len(missing)} string(s) not in locale/{code}: " + "; ".join(
            missing[:20]
        )


def test_compiled_catalogues_translate_the_admin():
    """`make setup`/`make test` compile the catalogues; Django then serves the translations."""
    call_command("compilemessages", locale=TRANSLATED, ignore_patterns=[".venv"], verbosity=0)
    translation.trans_real._translations = {}
    translation.trans_real._active = translation.trans_real.Local()
    with translation.override("es"):
        assert translation.gettext("Translation status") == "Estado de las traducciones"
    with translation.override("ar"):
        assert translation.gettext("Submit for review") == "إرسال للمراجعة"
    with translation.override("de"):
        assert (
            translation.ngettext("Due within %(days)s day", "Due within %(days)s days", 3) % {"days": 3}
            == "Fällig innerhalb von 3 Tagen"
        )
