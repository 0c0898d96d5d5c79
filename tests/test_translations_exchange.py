"""Batch exchange with agencies: export_translations and import_translations, including bad files."""

import sys
import zipfile

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringTranslation

from cms.editorial.signoff import signoff_waived

from .localization_support import (
    source_publish,
    submit,
    translated_page,
)


def export(code, out):
    call_command("export_translations", "--locale", code, str(out))
    return sorted(out.iterdir()) if out.is_dir() else out


def fill(path, prefix):
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"{prefix} {entry.msgid}"
    po.save(str(path))
    return po


def strings(locale):
    return StringTranslation.objects.filter(locale=locale).count()


def run_import(*args, capsys):
    """import_translations as `manage.py` runs it: (exit code, output).

    manage.py exits with CommandError.returncode (1); run_from_argv itself is not used here
    because it closes the database connections, the test's included.
    """
    try:
        call_command("import_translations", *map(str, args))
        code = 0
    except CommandError as error:
        print(error, file=sys.stderr)
        code = error.returncode
    return code, capsys.readouterr()


@pytest.fixture
def submitted_articles(article, make_article, editor, locales):
    with signoff_waived("test fixture: English source"):
        second = make_article(title="Radiotherapy explained")
    for page in (article, second):
        submit(page, locales["es"], editor)
        submit(page, locales["de"], editor)
    return article, second


@pytest.mark.django_db
def test_export_writes_one_po_file_per_article(submitted_articles, tmp_path):
    files = export("es", tmp_path / "es")
    assert [f.name for f in files] == ["radiotherapy-explained.es.po", "treating-lung-cancer.es.po"]
    po = polib.pofile(str(files[1]))
    assert po.metadata["Language"] == "es"
    assert po.metadata["X-Source-Version"]
    assert "How lung cancer is treated." in [entry.msgid for entry in po]

    archive = export("es", tmp_path / "es.zip")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == [f.name for f in files]


@pytest.mark.django_db
def test_import_saves_drafts_and_never_publishes(submitted_articles, locales, tmp_path, capsys):
    article, _second = submitted_articles
    files = export("es", tmp_path / "es")
    for path in files:
        fill(path, "[agency]")
    code, output = run_import(tmp_path / "es", "--locale", "es", capsys=capsys)
    assert code == 0, output.err
    assert "2 file(s) imported, 0 rejected." in output.out
    page = translated_page(article, locales["es"])
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "[agency] How lung cancer is treated."


@pytest.mark.django_db
def test_bad_files_are_rejected_with_a_reason_and_change_nothing(
    submitted_articles, locales, tmp_path, capsys
):
    article, second = submitted_articles
    es_files = export("es", tmp_path / "es")
    de_files = export("de", tmp_path / "de")
    batch = tmp_path / "batch"
    batch.mkdir()
    # A good Spanish file...
    fill(es_files[0], "[ok]").save(str(batch / "good.es.po"))
    # ...a German one in a Spanish batch...
    fill(de_files[1], "[de]").save(str(batch / "german.po"))
    # ...a malformed one...
    (batch / "broken.po").write_text('msgid "Treating lung cancer\nmsgstr "x"\n', encoding="utf-8")
    # ...one whose translation breaks the markup...
    po = fill(es_files[1], "[html]")
    for entry in po:
        if "<a" in entry.msgid:
            entry.msgstr = '<a id="a9">broken</b>'
    po.save(str(batch / "markup.es.po"))
    before = {code: strings(locales[code]) for code in ("es", "de")}

    code, output = run_import(batch, "--locale", "es", capsys=capsys)
    assert code == 1
    assert "1 file(s) imported, 3 rejected." in output.err
    assert "is for “de”, not “es”" in output.out
    assert "Not a translation export of this CMS (unknown or missing translation id)." in output.out
    assert "Unrecognised id found in an <a> tag: a9" in output.out
    # Only the valid file changed anything.
    assert strings(locales["de"]) == before["de"]
    imported = strings(locales["es"]) - before["es"]
    assert imported == len([e for e in polib.pofile(str(batch / "good.es.po")) if e.msgstr])
    assert translated_page(second, locales["es"]).get_latest_revision_as_object().title.startswith("[ok]")
    assert (
        not translated_page(article, locales["es"]).get_latest_revision_as_object().title.startswith("[html]")
    )


@pytest.mark.django_db
def test_file_made_from_an_older_source_is_rejected(submitted_articles, locales, tmp_path, capsys):
    article, _second = submitted_articles
    files = export("es", tmp_path / "es")
    path = next(f for f in files if f.name.startswith("treating"))
    fill(path, "[old]")
    source_publish(article, summary="The summary changed after the export.")
    before = strings(locales["es"])
    code, output = run_import(path, capsys=capsys)
    assert code == 1
    assert "source text has changed since this file was exported" in output.out
    assert strings(locales["es"]) == before


@pytest.mark.django_db
def test_zip_import(submitted_articles, locales, tmp_path, capsys):
    archive = tmp_path / "es.zip"
    export("es", archive)
    filled = tmp_path / "filled.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(filled, "w") as target:
        for name in source.namelist():
            po = polib.pofile(source.read(name).decode())
            for entry in po:
                entry.msgstr = f"[zip] {entry.msgid}"
            target.writestr(name, str(po))
    code, output = run_import(filled, capsys=capsys)
    assert code == 0, output.out
    assert "2 file(s) imported" in output.out


@pytest.mark.django_db
def test_command_errors(l10n, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_translations", str(tmp_path / "missing"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match="No PO files"):
        call_command("import_translations", str(empty))
    with pytest.raises(CommandError, match="Unknown locale"):
        call_command("export_translations", "--locale", "xx", str(tmp_path / "out"))
    with pytest.raises(CommandError, match="source language"):
        call_command("export_translations", "--locale", "en", str(tmp_path / "out"))


@pytest.mark.django_db
def test_a_file_that_changes_a_dose_is_rejected(submitted_articles, locales, tmp_path, capsys):
    files = export("es", tmp_path / "es")
    po = fill(files[0], "[es]")
    for entry in po:
        # "NICE NG122" -> "NICE NG12": an identifier changed on the way.
        if "122" in entry.msgid:
            entry.msgstr = entry.msgid.replace("122", "12")
    po.save(str(files[0]))
    before = strings(locales["es"])
    code, output = run_import(files[0], "--locale", "es", capsys=capsys)
    assert code == 1
    assert "changes 122" in output.out
    assert strings(locales["es"]) == before
