"""The admin's *Import article*: upload, preview without writes, then a draft; the command's rules."""

import io
import re
from pathlib import Path

import docx
import msoffcrypto.format.ooxml
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtail.models import Page, Revision

from cms.articles.models import ArticlePage
from tests.editorial_support import PASSWORD, client_for

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = Path(settings.BASE_DIR) / "cms" / "demo" / "content" / "treatment-for-stage-4-lung-cancer.txt"
URL = "/admin/articles/import/"


def word_article(title="Treatment for Early Breast Cancer"):
    """A real .docx as medical writers send it: Title and Heading styles, a list, bold text, an image."""
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    document.add_paragraph("Oct 29, 2023")
    document.add_paragraph("Early breast cancer has not spread beyond the breast. Most people do well.")
    document.add_paragraph("This guide explains the choices.")
    document.add_heading("What is early breast cancer?", level=1)
    document.add_paragraph("It is cancer found in the breast and nearby lymph nodes only.")
    document.add_heading("Treatment Options", level=1)
    document.add_heading("1. Surgery", level=2)
    paragraph = document.add_paragraph("Surgeons use procedures, such as lumpectomy or mastectomy. ")
    paragraph.add_run("Ask which one suits you.").bold = True
    document.add_heading("2. Radiotherapy", level=2)
    document.add_paragraph("Radiation after surgery lowers the chance of the cancer coming back.")
    document.add_paragraph("Usually daily for three weeks", style="List Bullet")
    document.add_heading("3. Clinical Trials", level=2)
    document.add_paragraph("Ask your team whether a trial is open to you.")
    document.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def encrypted(data, password="secret"):  # noqa: S107 (a test file's password)
    """The .docx protected with a password in the same way Word does (ECMA-376 agile encryption)."""
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def upload(client, name, data, parent):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "parent": parent.pk})


def token_of(response):
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


def counts():
    return Page.objects.count(), Revision.objects.count()


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


@pytest.fixture
def editor_client(users):
    return client_for(users["editor"])


FORMATS = {
    "txt": ("treatment-for-stage-4-lung-cancer.txt", SEED.read_bytes(), "Treatment for Stage 4 Lung Cancer"),
    "md": (
        "colorectal-cancer.md",
        (FIXTURES / "colorectal-cancer.md").read_bytes(),
        "Treating Colorectal Cancer",
    ),
    "html": (
        "her2-breast-cancer-blog.html",
        (FIXTURES / "her2-breast-cancer-blog.html").read_bytes(),
        "HER2-Positive Breast Cancer: Your Treatment Choices",
    ),
    "docx": ("early-breast-cancer.docx", None, "Treatment for Early Breast Cancer"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_each_format_previews_without_writing_then_becomes_a_draft(
    kind, editor_client, article_index, modalities, users
):
    name, data, title = FORMATS[kind]
    data = data if data is not None else word_article()
    before = counts()

    preview = upload(editor_client, name, data, article_index)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert title in html.replace("&#x27;", "'") and "Nothing has been saved yet" in html
    assert "Surgery" in html and modalities["surgery"].name in html
    assert counts() == before, "the preview wrote something"

    done = editor_client.post(URL, {"token": token_of(preview)}, follow=True)

    page = ArticlePage.objects.get(title=title)
    assert done.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert messages_of(done) == [f"Draft created: “{title}”. Check it, then submit it for review."]
    assert not page.live and page.get_parent().pk == article_index.pk
    assert page.latest_revision.user == users["editor"] and page.owner == users["editor"]
    revision_page = page.get_latest_revision_as_object()
    assert any(block.block_type == "treatment" for block in revision_page.body)


@pytest.mark.django_db
def test_docx_preview_shows_structure_matches_and_warnings(editor_client, article_index, modalities):
    preview = upload(editor_client, "early-breast-cancer.docx", word_article(), article_index)

    blocks = preview.context["plan"].blocks
    assert [
        (kind, heading, modality.slug if modality else None) for kind, heading, modality, _ in blocks
    ] == [
        ("section", "Overview", None),
        ("section", "What is early breast cancer?", None),
        ("treatment", "Surgery", "surgery"),
        ("treatment", "Radiotherapy", "radiation-therapy"),
        ("treatment", "Clinical Trials", None),
    ]
    assert list(blocks[2][3]) == ["Lumpectomy", "Mastectomy"]
    html = preview.content.decode()
    assert "Early breast cancer has not spread beyond the breast. Most people do well." in html
    assert "2023" in html
    assert "no match: choose one after importing" in html
    warnings = preview.context["plan"].warnings
    assert any('"Clinical Trials" matches no treatment modality' in w for w in warnings)
    assert any("1 image(s) in the document were left out" in w for w in warnings)
    for warning in warnings:
        assert warning.replace('"', "&quot;") in html

    editor_client.post(URL, {"token": token_of(preview)})
    page = ArticlePage.objects.get(slug="treatment-for-early-breast-cancer")
    body = page.get_latest_revision_as_object().body
    assert "<b>Ask which one suits you.</b>" in str(body[2].value["body"].source)
    assert "<ul><li" in body[3].value["body"].source


@pytest.mark.django_db
def test_reimport_updates_the_article_with_a_new_draft_revision(editor_client, article_index, modalities):
    first = upload(editor_client, "a.docx", word_article(), article_index)
    editor_client.post(URL, {"token": token_of(first)})
    page = ArticlePage.objects.get(slug="treatment-for-early-breast-cancer")
    revisions = page.revisions.count()

    again = upload(editor_client, "a-v2.docx", word_article(), article_index)
    assert "Updates the existing article" in again.content.decode()
    done = editor_client.post(URL, {"token": token_of(again)}, follow=True)

    assert ArticlePage.objects.filter(slug=page.slug).count() == 1
    assert page.revisions.count() == revisions + 1
    assert messages_of(done)[0].startswith("Draft updated: “Treatment for Early Breast Cancer”")


@pytest.mark.django_db
def test_token_works_once_and_only_in_its_session(editor_client, article_index, modalities, users):
    preview = upload(editor_client, "a.docx", word_article(), article_index)
    token = token_of(preview)

    other = client_for(users["publisher"]).post(URL, {"token": token}, follow=True)
    assert "This preview has expired" in messages_of(other)[0]
    assert not ArticlePage.objects.exists()

    editor_client.post(URL, {"token": token}, follow=True)
    before = counts()
    twice = editor_client.post(URL, {"token": token}, follow=True)
    assert "This preview has expired" in messages_of(twice)[0]
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("protected.docx", "encrypted", "is password-protected: remove the password in Word"),
        (
            "damaged.docx",
            b"PK\x03\x04 this is not a zip archive",
            "is not a Word document (.docx), or it is damaged",
        ),
        (
            "renamed.docx",
            b"Treatment\n\nJust text, renamed.",
            "is not a Word document (.docx), or it is damaged",
        ),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "is an old Word document (.doc)"),
        ("scan.pdf", b"%PDF-1.7 ...", "unknown file type '.pdf'"),
        ("photo.txt", "png", "looks like a binary file"),
        ("empty.md", b"   \n", "is empty"),
        ("notitle.html", b"<p>Just text.</p>", "No title found"),
    ],
)
def test_bad_files_get_a_clear_error_and_write_nothing(editor_client, article_index, name, data, error):
    data = {"encrypted": lambda: encrypted(word_article()), "png": png}.get(data, lambda: data)()
    before = counts()

    response = upload(editor_client, name, data, article_index)

    assert response.status_code == 200
    assert error in response.context["form"].errors["file"][0]
    assert error.replace("'", "&#x27;") in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_zip_bomb_is_refused_before_it_is_unpacked(editor_client, article_index, monkeypatch):
    monkeypatch.setattr("cms.articles.importer.docx.MAX_UNPACKED_BYTES", 10_000)
    before = counts()

    response = upload(editor_client, "big.docx", word_article(), article_index)

    assert "unpacks to more than" in response.context["form"].errors["file"][0]
    assert counts() == before


@pytest.mark.django_db
@override_settings(ARTICLE_IMPORT_MAX_BYTES=2_000)
def test_oversized_file_is_refused_by_the_view_and_the_command(editor_client, article_index, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    before = counts()
    response = upload(editor_client, "seed.txt", SEED.read_bytes(), article_index)
    assert "seed.txt is too large" in response.context["form"].errors["file"][0]
    assert "at most 2.0\xa0KB" in response.context["form"].errors["file"][0]

    with pytest.raises(CommandError, match="is too large"):
        call_command("import_article", str(SEED), stdout=io.StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_the_command_imports_docx_and_names_the_next_step(article_index, modalities, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "breast.docx"
    path.write_bytes(word_article())
    out, err = io.StringIO(), io.StringIO()

    call_command("import_article", str(path), stdout=out, stderr=err)

    page = ArticlePage.objects.get(slug="treatment-for-early-breast-cancer")
    assert "Surgery -> surgery" in out.getvalue() and "Radiotherapy -> radiation-therapy" in out.getvalue()
    edit_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert out.getvalue().splitlines()[-1].endswith(f"Next: open {edit_url} and submit it for review.")
    assert "Clinical Trials" in err.getvalue()


@pytest.mark.django_db
def test_only_people_who_can_add_articles_see_and_use_it(article_index, users):
    editor = client_for(users["editor"])
    assert "/admin/articles/import/" in editor.get("/admin/").content.decode()
    assert editor.get(URL).status_code == 200

    reviewer = client_for(users["reviewer"])
    assert "/admin/articles/import/" not in reviewer.get("/admin/").content.decode()
    refused = reviewer.get(URL, follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in messages_of(refused)
    before = counts()
    assert upload(reviewer, "seed.txt", SEED.read_bytes(), article_index).status_code == 302
    assert counts() == before

    assert list(editor.get(URL).context["form"].fields["parent"].queryset) == [article_index]


@pytest.mark.django_db
def test_updating_a_locked_article_is_refused(editor_client, article_index, modalities, users):
    preview = upload(editor_client, "a.docx", word_article(), article_index)
    editor_client.post(URL, {"token": token_of(preview)})
    page = ArticlePage.objects.get(slug="treatment-for-early-breast-cancer")
    page.locked, page.locked_by = True, users["publisher"]
    page.save(update_fields=["locked", "locked_by"])
    before = counts()

    again = upload(editor_client, "a.docx", word_article(), article_index)

    assert "is locked" in again.content.decode()
    assert "token" not in again.context
    assert counts() == before


@pytest.mark.django_db
def test_preview_query_count_does_not_grow_with_the_treatments(
    editor_client, article_index, modalities, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        response = upload(editor_client, "seed.txt", SEED.read_bytes(), article_index)
    assert response.status_code == 200 and len(response.context["plan"].parsed.treatments) == 5


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_imports_a_word_article_in_a_real_browser(
    browser_page, live_server, article_index, users, modalities, tmp_path
):
    base = live_server.url
    path = tmp_path / "early-breast-cancer.docx"
    path.write_bytes(word_article())

    browser_page.goto(f"{base}/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(f"{base}/admin/")
    browser_page.get_by_role("link", name="Import article").click()
    browser_page.wait_for_url(f"{base}{URL}")
    browser_page.screenshot(path=str(tmp_path / "import-form.png"), full_page=True)
    browser_page.set_input_files("input[name=file]", str(path))
    browser_page.get_by_role("button", name="Show what will be imported").click()
    browser_page.wait_for_load_state("networkidle")
    browser_page.screenshot(path=str(tmp_path / "import-preview.png"), full_page=True)
    assert browser_page.get_by_text("Nothing has been saved yet").is_visible()
    rows = browser_page.locator("table.article-import-blocks tbody tr")
    assert rows.count() == 5
    assert "Radiation therapy" in rows.nth(3).inner_text()
    assert "no match" in rows.nth(4).inner_text()
    assert not ArticlePage.objects.exists()

    browser_page.get_by_role("button", name="Import as a draft").click()
    browser_page.wait_for_load_state("networkidle")
    page = ArticlePage.objects.get(slug="treatment-for-early-breast-cancer")
    assert browser_page.url == f"{base}/admin/pages/{page.pk}/edit/"
    message = browser_page.locator(".messages").inner_text()
    assert (
        "Draft created: “Treatment for Early Breast Cancer”. Check it, then submit it for review." in message
    )
    assert "do not have permission" not in browser_page.content()
    browser_page.screenshot(path=str(tmp_path / "import-done.png"))
    assert not page.live
