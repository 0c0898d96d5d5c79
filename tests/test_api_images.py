"""Images leave the API as renditions with width, height and alt text, in constant queries."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_image(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path

    def make(title="Chest X-ray", description="A chest X-ray of healthy lungs"):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 1000), (40, 90, 160)).save(buffer, "PNG")
        return Image.objects.create(
            title=title, description=description, file=ImageFile(buffer, name=f"{title}.png")
        )

    return make


def test_hero_image_is_a_rendition_with_size_and_alt(client, make_article, make_image):
    page = make_article(hero_image=make_image())
    hero = client.get(f"/api/v2/pages/{page.pk}/").json()["hero_image"]
    assert (hero["width"], hero["height"]) == (1200, 630)
    assert hero["alt"] == "A chest X-ray of healthy lungs"
    assert hero["url"].startswith("/media/images/") and hero["url"].endswith(".png")


def test_article_without_image_gives_null(client, make_article):
    page = make_article()
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["hero_image"] is None


def test_listing_with_images_runs_constant_queries(
    client, make_article, make_image, django_assert_max_num_queries
):
    url = "/api/v2/articles/?fields=*"
    make_article("First", hero_image=make_image("one"))
    client.get(url)  # renditions are generated once, on first use
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(100) as one:
        client.get(url)
    for n in range(3):
        make_article(f"More {n}", hero_image=make_image(f"more-{n}"))
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(100) as four:
        data = client.get(url).json()
    assert all(item["hero_image"]["width"] == 1200 for item in data["items"])
    assert len(four.captured_queries) == len(one.captured_queries)
