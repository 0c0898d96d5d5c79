"""Images leave the API as renditions with width, height and alt text, in constant queries."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.delivery.api.images import image_renditions_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_image(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path

    def make(title="Chest X-ray", description="A chest X-ray of healthy lungs"):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 1000), (40, 90, 160)).save(buffer, "PNG")
        image = Image.objects.create(
            title=title, description=description, file=ImageFile(buffer, name=f"{title}.png")
        )
        image_renditions_build(image)  # the background task after the save
        return image

    return make


def test_hero_image_is_a_set_of_renditions_with_size_and_alt(client, make_article, make_image, settings):
    settings.API_IMAGE_WIDTHS = [480, 800, 1200, 1600, 2400]
    image = make_image()
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        1200,
        500,
        100,
        100,
    )
    image.save()
    image_renditions_build(image)
    page = make_article(hero_image=image)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    hero = data["hero_image"]
    assert (hero["width"], hero["height"]) == (1200, 630)
    assert hero["alt"] == "A chest X-ray of healthy lungs"
    assert hero["focal_point"] == {"x": 0.75, "y": 0.5}
    assert hero["src"]["url"].startswith("http://127.0.0.1:8000/media/images/")
    assert hero["src"]["url"].endswith(".jpg")
    # No upscaling: 2400 px is wider than the image; every rendition keeps the 1200x630 shape.
    widths = sorted({r["width"] for r in hero["renditions"]})
    assert widths == [480, 800, 1200, 1600]
    assert all(abs(r["height"] - r["width"] * 630 / 1200) <= 1 for r in hero["renditions"])
    assert [s["type"] for s in hero["sources"]] == ["image/avif", "image/webp", "image/jpeg"]
    for source in hero["sources"]:
        extension = source["type"].split("/")[1].replace("jpeg", "jpg")
        entries = [entry.rsplit(" ", 1) for entry in source["srcset"].split(", ")]
        assert [width for _url, width in entries] == ["480w", "800w", "1200w", "1600w"]
        assert all(url.endswith(f".{extension}") for url, _width in entries)
    assert data["seo"]["image"]["width"] == 1200 and data["seo"]["image"]["url"].endswith(".jpg")


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
    assert all(item["hero_image"]["src"]["width"] == 1200 for item in data["items"])
    assert len(four.captured_queries) == len(one.captured_queries)
