"""The anonymous visibility scope (cms/delivery/api/visibility.py) is read once per content
generation, and a change to who may see what takes effect on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


def test_the_scope_is_read_once_per_generation(client, make_article):
    page = make_article()
    _first, first = queries_of(client, f"/api/v2/pages/{page.pk}/?fields=title")
    _again, again = queries_of(client, f"/api/v2/pages/{page.pk}/?fields=title,summary")
    restrictions = 'FROM "wagtailcore_pageviewrestriction" INNER JOIN "wagtailcore_page"'

    def reads_restrictions(queries):
        return any(sql.startswith("SELECT") and restrictions in sql.split(" WHERE ")[0] for sql in queries)

    assert reads_restrictions(first)
    assert not reads_restrictions(again)
    assert not any('FROM "wagtailcore_site"' in sql for sql in again)


def test_a_new_restriction_hides_the_page_at_once(client, make_article):
    page = make_article()
    listing = "/api/v2/pages/?type=articles.ArticlePage&fields=title"
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    assert [item["id"] for item in client.get(listing).json()["items"]] == [page.pk]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(listing).json()["items"] == []
    assert client.get("/en/treatments/").status_code == 200
    assert page.title.encode() not in client.get("/en/treatments/").content


def test_signed_in_callers_get_wagtails_own_rule(client, make_article, superuser):
    page = make_article()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(superuser)
    # A session sees what Wagtail's queryset decides for it: the login restriction is passed.
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
