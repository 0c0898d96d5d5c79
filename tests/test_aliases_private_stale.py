"""Three more doors closed: converted aliases, private translations, and stale edits."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken, PageViewRestriction

from cms.articles.models import ArticlePage
from tests.editorial_support import article_form_data, client_for, latest_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def alias(make_article, article_index, users, reviewer_person, home_page):
    """A publisher's alias of a signed, live article, in another section."""
    from cms.articles.models import ArticleIndexPage

    original = make_article("Original")
    other = home_page.add_child(instance=ArticleIndexPage(title="Guides", slug="guides"))
    other.save_revision().publish()
    alias = original.create_alias(parent=other, update_slug="original-alias", user=users["publisher"])
    alias = ArticlePage.objects.get(pk=alias.pk)
    assert alias.live and alias.alias_of_id == original.pk
    return alias


def test_a_converted_alias_goes_offline_through_v3(client, alias, users):
    _token, plaintext = APIToken.create_token(user=users["editor"], name="t")
    response = client.post(
        f"/api/v3/pages/{alias.pk}/actions/convert_alias/", headers={"Authorization": f"Bearer {plaintext}"}
    )
    assert response.status_code == 200, response.content
    page = ArticlePage.objects.get(pk=alias.pk)
    assert page.alias_of_id is None
    assert not page.live
    assert Client().get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_a_converted_alias_goes_offline_in_the_admin_with_a_message(alias, users):
    client = client_for(users["publisher"])
    response = client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    assert response.status_code == 302
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "needs its own medical sign-off" in messages
    assert not ArticlePage.objects.get(pk=alias.pk).live


def test_private_translations_are_not_listed(client, make_article, locale_en, users, reviewer_person):
    from wagtail.models import Locale

    page = make_article("Public English")
    spanish = Locale.objects.get(language_code="es")
    home_es = page.get_parent().get_parent().get_translation(spanish).specific  # the seed's draft
    home_es.save_revision().publish()
    index_es = page.get_parent().copy_for_translation(spanish)
    index_es.save_revision().publish()
    translation = page.copy_for_translation(spanish)
    from cms.editorial.signoff import signoff_record

    signoff_record(translation, users["reviewer"]).revision.publish()
    api = lambda: {e["locale"]: e for e in client.get(f"/api/v2/articles/{page.pk}/").json()["translations"]}  # noqa: E731
    assert api()["es"]["id"] == translation.pk
    # A password on the translation's section: nobody anonymous can open it, so it is not listed.
    PageViewRestriction.objects.create(page=index_es, restriction_type="password", password="secret")
    entry = api()["es"]
    assert entry["id"] is None and entry["url"] is None
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/es/treatments/" not in sitemap  # neither as a page nor as an hreflang alternate
    assert "/en/treatments/public-english/" in sitemap


def test_a_stale_admin_edit_is_refused_with_who_and_a_compare_link(one_section_article, users):
    first, second = client_for(users["editor"]), client_for(users["publisher"])
    url = reverse("wagtailadmin_pages:edit", args=[one_section_article.pk])
    # Both open the editor: the form carries the revision it was opened on.
    opened = re.search(r'name="loaded_revision_id" value="(\d+)"', second.get(url).content.decode()).group(1)
    assert first.get(url).status_code == 200
    assert (
        first.post(
            url, article_form_data(one_section_article, text="<p>The editor's change.</p>")
        ).status_code
        == 302
    )
    # The second save starts from the revision before the editor's: refused, nothing overwritten.
    data = article_form_data(
        one_section_article, text="<p>The publisher's change.</p>", loaded_revision_id=opened
    )
    response = second.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Editor Tester saved a newer version" in html
    latest = latest_article(one_section_article).latest_revision_id
    assert (
        reverse("wagtailadmin_pages:revisions_compare", args=[one_section_article.pk, opened, latest]) in html
    )
    assert "The publisher" in html  # their text is still in the form
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    assert "The editor's change" in draft.body[0].value["body"].source
    # Saving again from the current revision goes through.
    again = article_form_data(one_section_article, text="<p>The publisher's change.</p>")
    assert second.post(url, again).status_code == 302
    assert (
        "publisher's change"
        in latest_article(one_section_article).get_latest_revision_as_object().body[0].value["body"].source
    )


def test_a_stale_snippet_edit_is_refused(condition, users):
    client = client_for(users["editor"])
    url = reverse(condition.snippet_viewset.get_url_name("edit"), args=[condition.pk])
    values = {"name": "Lung cancer", "slug": "lung-cancer", "description": "One", "icd10_code": "C34"}
    assert client.post(url, values).status_code == 302
    opened = str(type(condition).objects.get(pk=condition.pk).latest_revision_id)
    assert (
        client_for(users["publisher"])
        .post(url, {**values, "description": "Two", "loaded_revision_id": opened})
        .status_code
        == 302
    )
    response = client.post(url, {**values, "description": "Three", "loaded_revision_id": opened})
    assert response.status_code == 200
    assert "Publisher Tester saved a newer version" in response.content.decode()
    assert type(condition).objects.get(pk=condition.pk).get_latest_revision_as_object().description == "Two"


def test_v3_snippet_if_match(client, condition, users):
    _t, editor = APIToken.create_token(user=users["editor"], name="e")
    _t, publisher = APIToken.create_token(user=users["publisher"], name="p")
    url = f"/api/v3/snippets/articles.Condition/{condition.pk}/"
    patch = lambda token, body, **h: client.patch(  # noqa: E731
        url,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **h},
    )
    first = patch(editor, {"description": "One"})
    etag = first["ETag"]
    assert patch(publisher, {"description": "Two"}, **{"If-Match": etag}).status_code == 200
    stale = patch(editor, {"description": "Three"}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert type(condition).objects.get(pk=condition.pk).get_latest_revision_as_object().description == "Two"
