"""v3 reads: typed OpenAPI for bodies and relations, v2's caching for anonymous GETs, v2's statuses."""

import pytest

pytestmark = pytest.mark.django_db


def test_v3_openapi_types_body_and_relations(client):
    spec = client.get("/api/v3/openapi.json").json()
    article = spec["components"]["schemas"]["ArticlePageSchema"]["properties"]
    assert article["body"]["items"]["discriminator"]["propertyName"] == "type"
    assert set(article["body"]["items"]["discriminator"]["mapping"]) == {
        "section",
        "treatment",
        "callout",
        "references",
    }
    for name in ("condition", "authors", "medical_reviewer"):
        assert "$ref" in str(article[name]), name
    person = spec["components"]["schemas"]["PersonData"]
    assert set(person["properties"]) == {"id", "slug", "name", "credentials", "job_title"}


def test_v3_article_body_matches_the_typed_schema(client, make_article):
    page = make_article()
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert [block["type"] for block in data["body"]] == ["section", "treatment", "treatment", "references"]
    assert data["body"][1]["value"]["modality"]["slug"] == "surgery"
    assert data["condition"]["slug"] == "lung-cancer"
    assert data["medical_reviewer"]["credentials"] == "MD"


def test_anonymous_v3_gets_are_cached_like_v2(client, make_article, superuser, django_assert_num_queries):
    page = make_article()
    url = f"/api/v3/pages/{page.pk}/"
    first = client.get(url)
    assert first["Cache-Control"] == client.get(f"/api/v2/articles/{page.pk}/")["Cache-Control"]
    assert first["ETag"] and first["Last-Modified"]
    with django_assert_num_queries(1):
        assert client.get(url).content == first.content
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    client.force_login(superuser)
    assert client.get(url)["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("mistake", "v2", "v3", "status"),
    [
        ("unknown locale", "/api/v2/pages/?locale=xx", "/api/v3/pages/?locale=xx", 400),
        ("word for an id", "/api/v2/pages/abc/", "/api/v3/pages/abc/", 404),
        ("missing page", "/api/v2/pages/99999/", "/api/v3/pages/99999/", 404),
        ("bad limit", "/api/v2/pages/?limit=abc", "/api/v3/pages/?limit=abc", 400),
        ("unknown type", "/api/v2/pages/?type=nope.Nope", "/api/v3/pages/?type=nope.Nope", 400),
        ("unknown path", "/api/v2/nothing/", "/api/v3/nothing/", 404),
    ],
)
def test_the_same_mistake_gets_the_same_status_and_format(client, mistake, v2, v3, status):
    for url in (v2, v3):
        response = client.get(url)
        assert response.status_code == status, (mistake, url)
        assert response["Content-Type"] == "application/problem+json", url
        problem = response.json()
        assert problem["status"] == status and problem["detail"] and problem["title"], url
    if (status == 404 and "page" in mistake) or "id" in mistake:
        assert client.get(v2).json()["detail"] == client.get(v3).json()["detail"] == "no such page"
