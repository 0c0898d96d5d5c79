"""Media on S3-compatible storage: uploads through the admin land in the bucket, renditions are
made into it, the API names images at the bucket's public host, and documents are served to
authorised readers only, through Wagtail's view. The bucket is moto's S3 server on this machine."""

import io
import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from django.test import override_settings
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.delivery.api.images import image_renditions_build
from tests.settings_support import key, settings_of

ROOT = Path(__file__).resolve().parent.parent
MEDIA_HOST = "media.example.org"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3-compatible server on a free port: its endpoint URL."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server):
    """A new, empty bucket: its name and a boto3 client to look into it."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, **CREDENTIALS)
    client.create_bucket(Bucket=name)
    return name, client


def s3_storages(endpoint, bucket_name, custom_domain=None):
    """STORAGES as cms/settings/base.py builds it from AWS_* variables."""
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket_name,
                "endpoint_url": endpoint,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "region_name": CREDENTIALS["region_name"],
                "custom_domain": custom_domain,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def s3_media(s3_server, bucket):
    """Media stored in the bucket for the test (Django rebuilds its storages when STORAGES
    changes); the bucket's object keys are listed by the function yielded."""
    name, client = bucket

    def keys(prefix=""):
        listing = client.list_objects_v2(Bucket=name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    with override_settings(STORAGES=s3_storages(s3_server, name, custom_domain=MEDIA_HOST)):
        yield keys


def png(width=1600, height=1000):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 160)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "chest-x-ray.png"
    return buffer


def test_local_disk_is_the_default_and_a_bucket_switches_media_to_s3():
    env = {
        "DJANGO_SECRET_KEY": key(),
        "AWS_S3_ENDPOINT_URL": "",
        "AWS_S3_CUSTOM_DOMAIN": "",
        "CSP_IMG_ORIGINS": "",
    }
    default, serve = settings_of("STORAGES", "WAGTAILDOCS_SERVE_METHOD", AWS_STORAGE_BUCKET_NAME="", **env)
    assert "'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}" in default
    assert serve == "'serve_view'"

    storages, image_origins = settings_of(
        "STORAGES",
        "CSP_IMG_ORIGINS",
        **{**env, "AWS_S3_ENDPOINT_URL": "https://s3.eu-central-1.example.net/"},
        AWS_STORAGE_BUCKET_NAME="cms-media",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret-example",
        AWS_QUERYSTRING_AUTH="",
    )
    expected = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "cms-media",
            "endpoint_url": "https://s3.eu-central-1.example.net/",
            "access_key": "AKIDEXAMPLE",
            "secret_key": "secret-example",
            "region_name": "eu-central-1",
            "custom_domain": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    assert f"'default': {expected!r}" in storages
    # The admin and the reader site may show images from the bucket's host.
    assert image_origins == "['https://s3.eu-central-1.example.net']"
    # Static files stay with whitenoise whatever the media storage.
    assert "'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}" in storages


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_lands_in_the_bucket_with_its_renditions(
    client, superuser, s3_media, make_article, settings
):
    settings.API_IMAGE_WIDTHS = [480, 800]
    client.force_login(superuser)
    response = client.post(
        "/admin/images/add/",
        {"title": "Chest X-ray", "file": png(), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Chest X-ray")
    assert s3_media("original_images/") == [image.file.name]

    image_renditions_build(image)  # the background task after the save
    renditions = s3_media("images/")
    assert renditions, "no rendition was written to the bucket"
    assert sorted(r.file.name for r in image.renditions.all()) == renditions

    page = make_article(hero_image=image)
    client.logout()
    hero = client.get(f"/api/v2/pages/{page.pk}/").json()["hero_image"]
    urls = [hero["src"]["url"], *(r["url"] for r in hero["renditions"])]
    assert all(url.startswith(f"https://{MEDIA_HOST}/images/") for url in urls), urls
    assert {url.removeprefix(f"https://{MEDIA_HOST}/") for url in urls} <= set(renditions)


@pytest.mark.django_db
def test_a_second_upload_of_the_same_name_keeps_the_first(s3_media):
    Image = get_image_model()
    from django.core.files.images import ImageFile

    first = Image.objects.create(title="One", file=ImageFile(png(), name="scan.png"))
    second = Image.objects.create(title="Two", file=ImageFile(png(800, 500), name="scan.png"))
    assert first.file.name != second.file.name
    assert s3_media("original_images/") == sorted([first.file.name, second.file.name])


@pytest.mark.django_db
def test_a_private_document_lands_in_the_bucket_and_reaches_signed_in_users_only(
    client, superuser, s3_media, django_user_model
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Clinicians only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    client.force_login(superuser)
    body = b"Dosage table: for clinicians only.\n"
    upload = io.BytesIO(body)
    upload.name = "dosage.txt"
    response = client.post(
        "/admin/documents/add/", {"title": "Dosage", "file": upload, "collection": private.pk}
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Dosage")
    assert s3_media("documents/") == [document.file.name]

    client.logout()
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert MEDIA_HOST not in anonymous["Location"] and "amazonaws" not in anonymous["Location"]
    assert "login" in anonymous["Location"] or "authenticate" in anonymous["Location"]

    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    served = client.get(document.url)
    assert served.status_code == 200  # streamed through Wagtail's view, not a redirect to the bucket
    assert b"".join(served.streaming_content) == body


# Two app servers: separate gunicorn processes sharing one PostgreSQL database, one Redis and one
# bucket, as behind a load balancer. What one serves must follow a change made through the other
# at once: no answer cached in a process, no file on a local disk.

SETUP_CODE = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import APIToken, Collection
from cms.articles.models import ArticleIndexPage
from home.models import HomePage
user = get_user_model().objects.create_superuser("ops", "ops@example.org", "PASSWORD")
home = HomePage.objects.filter(locale__language_code="en").first()
section = home.add_child(instance=ArticleIndexPage(title="Treatments", slug="treatments"))
section.save_revision().publish()
token = APIToken.create_token(user=user, name="two servers")[1]
collection = Collection.get_first_root_node().pk
print(json.dumps({"token": token, "section": section.pk, "collection": collection}))
"""


@pytest.fixture(scope="module")
def shared_services(s3_server, tmp_path_factory):
    """A database of its own on the machine's PostgreSQL (migrated once, dropped after), a
    private Redis and a bucket: the environment both app servers run with."""
    import psycopg

    from bench.soak import Redis

    name = f"cms_two_servers_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    redis = Redis(free_port())
    bucket_name = f"media-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_server, **CREDENTIALS).create_bucket(Bucket=bucket_name)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DATABASE_", "CSP_"))},
        "DJANGO_SETTINGS_MODULE": "bench.soak_settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "TASKS_BACKEND": "immediate",
        "WEB_CONCURRENCY": "1",
        # Each server's own empty media folder: a file found there would be a bug.
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media-unused")),
        "AWS_STORAGE_BUCKET_NAME": bucket_name,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "AWS_S3_REGION_NAME": CREDENTIALS["region_name"],
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    password = uuid.uuid4().hex
    try:
        redis.start()
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["shell", "-c", SETUP_CODE.replace("PASSWORD", password)],
        ):
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stderr[-3000:]
        setup = json.loads(result.stdout.strip().splitlines()[-1])
        yield {"env": env, "password": password, "bucket": bucket_name, **setup}
    finally:
        redis.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def two_servers(shared_services):
    """Two gunicorn processes (production settings) on the shared services: their base URLs."""
    from bench.soak import wait_for

    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env=shared_services["env"],
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            wait_for(lambda base=base: requests.get(f"{base}/readyz", timeout=2).ok, 90, base)
        yield bases
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()


def admin_session(base, password):
    """A signed-in admin session on `base`, through the sign-in form."""
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=10)
    response = session.post(
        f"{base}/admin/login/",
        data={"username": "ops", "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        timeout=10,
    )
    assert response.ok and "/admin/login/" not in response.url, response.status_code
    return session


def test_a_change_through_one_app_server_is_served_by_the_other_at_once(shared_services, two_servers):
    a, b = two_servers
    section = shared_services["section"]
    token = {"Authorization": f"Bearer {shared_services['token']}"}
    detail = f"/api/v2/pages/{section}/"

    # B has the page cached before A changes it.
    assert requests.get(b + detail, timeout=10).json()["title"] == "Treatments"
    assert requests.get(b + detail, timeout=10).json()["title"] == "Treatments"

    title = f"Treatments {uuid.uuid4().hex[:6]}"
    body = {"meta": {"type": "articles.ArticleIndexPage"}, "title": title}
    assert requests.patch(f"{a}/api/v3/pages/{section}/", json=body, headers=token, timeout=30).ok
    published = requests.post(f"{a}/api/v3/pages/{section}/actions/publish/", headers=token, timeout=30)
    assert published.status_code == 200, published.text
    assert requests.get(b + detail, timeout=10).json()["title"] == title

    unpublished = requests.post(f"{a}/api/v3/pages/{section}/actions/unpublish/", headers=token, timeout=30)
    assert unpublished.status_code == 200, unpublished.text
    assert requests.get(b + detail, timeout=10).status_code == 404

    # An image uploaded through A's admin: B lists it, and its file is in the bucket, not on A's disk.
    listing = f"{b}/api/v2/images/?fields=*"
    assert requests.get(listing, timeout=10).json()["meta"]["total_count"] == 0
    session = admin_session(a, shared_services["password"])
    session.get(f"{a}/admin/images/add/", timeout=10)
    uploaded = session.post(
        f"{a}/admin/images/add/",
        data={
            "title": "Scan through A",
            "collection": shared_services["collection"],
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        files={"file": ("scan.png", png(400, 300).getvalue(), "image/png")},
        timeout=30,
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]
    images = requests.get(listing, timeout=10).json()["items"]
    assert [image["title"] for image in images] == ["Scan through A"]
    url = images[0]["meta"]["download_url"]
    bucket_url = f"{shared_services['env']['AWS_S3_ENDPOINT_URL']}/{shared_services['bucket']}/"
    assert url.startswith(f"{bucket_url}original_images/"), url
    # The bucket is private here (moto refuses unsigned reads): the object is read with keys.
    s3 = boto3.client("s3", endpoint_url=shared_services["env"]["AWS_S3_ENDPOINT_URL"], **CREDENTIALS)
    stored = s3.get_object(Bucket=shared_services["bucket"], Key=url.removeprefix(bucket_url))
    assert stored["Body"].read() == png(400, 300).getvalue()
    assert not any(Path(shared_services["env"]["MEDIA_ROOT"]).iterdir())
