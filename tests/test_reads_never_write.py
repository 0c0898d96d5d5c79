"""Public reads never write (cms/delivery/db_routing.py): the APIs and the reader site answer from
a database connection that refuses writes, and with a replica configured they never touch the
primary.

The replica is a real read-only connection to the test database: a role with SELECT-only grants
on PostgreSQL, `PRAGMA query_only` on SQLite. Nothing is warmed: no snapshot, no rendition, an
empty cache, so every answer is rendered by a cold read.
"""

import io

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import DatabaseError, connection, connections
from django.db.backends.signals import connection_created
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.delivery.db_routing import REPLICA
from cms.delivery.models import ApiSnapshot
from cms.delivery.preview.services import preview_signer

WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "REPLACE", "TRUNCATE")


def public_paths(page, image):
    return [
        "/api/v2/pages/",
        f"/api/v2/pages/{page.pk}/",
        f"/api/v2/articles/{page.pk}/",
        "/api/v2/articles/?fields=*",
        f"/api/v2/articles/by-path/?path={page.url_path.removeprefix('/home')}",
        f"/api/v2/pages/find/?html_path=/en/treatments/{page.slug}/",
        "/api/v2/conditions/?fields=*",
        "/api/v2/modalities/",
        "/api/v2/centers/?fields=*",
        f"/api/v2/images/{image.pk}/",
        "/api/v2/documents/",
        "/api/v2/changes/",
        "/api/v3/pages/",
        f"/api/v3/pages/{page.pk}/",
        "/",
        "/en/",
        "/en/treatments/",
        f"/en/treatments/{page.slug}/",
        "/sitemap.xml",
        "/robots.txt",
        "/site-config.json",
    ]


@pytest.fixture
def unrendered_article(make_article, tmp_path, settings):
    """A live article whose hero image has no rendition yet and whose snapshot was never built."""
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (40, 90, 160)).save(buffer, "PNG")
    image = Image.objects.create(title="X-ray", file=ImageFile(buffer, name="x-ray.png"))
    page = make_article(hero_image=image)
    ApiSnapshot.objects.all().delete()
    image.renditions.all().delete()
    return page, image


def get_all(client, paths):
    statuses = {}
    for path in paths:
        from django.core.cache import cache

        cache.clear()
        statuses[path] = client.get(path).status_code
    return statuses


@pytest.mark.django_db
def test_anonymous_reads_write_nothing(client, unrendered_article):
    page, image = unrendered_article
    statements = []

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES) or "FOR UPDATE" in sql.upper():
            statements.append(sql)
            raise DatabaseError(f"a public read tried to write: {sql[:80]}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes):
        statuses = get_all(client, public_paths(page, image))
    assert statements == []
    assert set(statuses.values()) == {200}, statuses
    # Rendered in memory: nothing was stored for next time (publishing and tasks do that).
    assert not ApiSnapshot.objects.exists()
    assert not image.renditions.exists()
    # The image is served all the same: its original stands in for the renditions not made yet.
    hero = client.get(f"/api/v2/pages/{page.pk}/").json()["hero_image"]
    assert hero["src"]["url"].endswith(".png")
    assert (hero["src"]["width"], hero["src"]["height"]) == (1600, 1000)


@pytest.fixture
def select_only_replica(settings):
    """Route public reads to `replica`: the test database again, through a connection that
    cannot write (a role with SELECT grants only on PostgreSQL, query_only on SQLite)."""
    replica = connections[REPLICA]
    mirrored = replica.settings_dict
    replica.close()
    replica.settings_dict = {**connection.settings_dict}
    role = None
    if connection.vendor == "postgresql":
        role = f"{connection.settings_dict['NAME']}_reader"[:63]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE ROLE "{role}" LOGIN')
            cursor.execute(f'GRANT CONNECT ON DATABASE "{connection.settings_dict["NAME"]}" TO "{role}"')
            cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
            cursor.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        replica.settings_dict.update(USER=role, PASSWORD="")

    def read_only(sender, connection, **kwargs):
        if connection.alias == REPLICA and connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA query_only = ON")

    connection_created.connect(read_only)
    settings.DATABASE_REPLICA_ALIAS = REPLICA
    yield replica
    replica.close()
    replica.settings_dict = mirrored
    connection_created.disconnect(read_only)
    if role:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


REPLICA_TEST = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", REPLICA]
)


@REPLICA_TEST
def test_the_replica_cannot_write(select_only_replica):
    with pytest.raises(DatabaseError), select_only_replica.cursor() as cursor:
        cursor.execute("UPDATE wagtailcore_page SET title = 'x'")


@REPLICA_TEST
def test_anonymous_reads_run_on_the_replica_alone(client, unrendered_article, select_only_replica):
    page, image = unrendered_article
    paths = public_paths(page, image)
    with (
        CaptureQueriesContext(connection) as primary,
        CaptureQueriesContext(select_only_replica) as replica,
    ):
        statuses = get_all(client, paths)
    assert set(statuses.values()) == {200}, statuses
    assert [q["sql"] for q in primary.captured_queries] == []
    assert len(replica.captured_queries) > len(paths)
    assert not ApiSnapshot.objects.exists()


@REPLICA_TEST
def test_editors_and_previews_stay_on_the_primary(
    client, admin_client, unrendered_article, select_only_replica
):
    page, _image = unrendered_article
    with CaptureQueriesContext(select_only_replica) as replica:
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert admin_client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
        # Anonymous, but a preview token was just stored: the replica might not have it yet.
        # A well-signed token that was never stored: the lookup runs, and on the primary.
        token = preview_signer().sign("id=1;nonce=0")
        query = {"content_type": "articles.articlepage", "token": token}
        preview = client.get("/api/v2/page_preview/", query)
        assert preview.status_code == 404
        assert preview.json()["detail"] == "No preview found for this token."
    assert settings.SESSION_COOKIE_NAME in admin_client.cookies
    assert replica.captured_queries == []
