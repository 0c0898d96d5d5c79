"""Images in the API as rendition sets for `srcset`: several widths, AVIF/WebP/JPEG, focal point kept.

{"alt": "Surgeons at work", "width": 1200, "height": 630,
 "focal_point": {"x": 0.4, "y": 0.3} or null,
 "src": {"url": "/media/images/x.fill-1200x630.jpg", "width": 1200, "height": 630},
 "sources": [{"type": "image/avif", "srcset": "/media/...480x252.avif 480w, ... 1600w"},
             {"type": "image/webp", "srcset": "..."}, {"type": "image/jpeg", "srcset": "..."}],
 "renditions": [{"url": ..., "width": 480, "height": 252, "format": "avif"}, ...]}

Crops use Wagtail's `fill-WxH` (which centres on the image's focal point) at the shape of the
field (1200x630 for hero images); widths and formats come from API_IMAGE_WIDTHS and
API_IMAGE_FORMATS; AVIF is skipped when this Pillow cannot write it. A frontend writes
`<picture>` with one `<source>` per entry of `sources` and `<img src width height alt>`.
"""

from functools import cache

from django.conf import settings
from django_tasks import task
from PIL import features
from rest_framework.fields import Field
from wagtail.api.utils import get_full_url
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from ..cache.generation import content_generation_bump
from ..db_routing import public_read_in_progress

HERO_SHAPE = (1200, 630)
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


@cache
def _pillow_writes(image_format):
    return image_format != "avif" or features.check("avif")


def rendition_formats():
    return [f for f in getattr(settings, "API_IMAGE_FORMATS", ["webp", "jpeg"]) if _pillow_writes(f)]


def rendition_widths(image, shape=HERO_SHAPE):
    """The configured widths an image can fill without upscaling (at least the smallest)."""
    widths = sorted(set(getattr(settings, "API_IMAGE_WIDTHS", [shape[0]])))
    ratio = shape[1] / shape[0]
    fitting = [w for w in widths if w <= image.width and round(w * ratio) <= image.height]
    return fitting or widths[:1]


def _spec(width, shape, image_format):
    height = round(width * shape[1] / shape[0])
    return f"fill-{width}x{height}|format-{image_format}"


def _url(rendition):
    return get_full_url(None, rendition.url)


def renditions_of(image, specs):
    """{spec: rendition} of `specs`. Renditions not made yet are made, except during a public
    read, which never writes (cms/delivery/db_routing.py): it gets only those that exist, and
    the next publish or snapshot build (a background task) makes the rest."""
    if not public_read_in_progress():
        return image.get_renditions(*specs)
    found = image.find_existing_renditions(*(Filter(spec=spec) for spec in specs))
    return {f.spec: rendition for f, rendition in found.items()}


class _Original:
    """The original file standing in for a rendition not made yet (public reads only)."""

    def __init__(self, image):
        self.url, self.width, self.height = image.file.url, image.width, image.height
        self.alt = getattr(image, "default_alt_text", None) or image.title


def social_image(image, shape=HERO_SHAPE):
    """{"url", "width", "height", "alt"} of the shape-sized JPEG (og:image wants JPEG or PNG)."""
    spec = _spec(shape[0], shape, "jpeg")
    rendition = renditions_of(image, [spec]).get(spec) or _Original(image)
    return {
        "url": _url(rendition),
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
    }


def responsive_image(image, shape=HERO_SHAPE):
    formats = rendition_formats()
    widths = rendition_widths(image, shape)
    specs = [
        (image_format, width, _spec(width, shape, image_format))
        for image_format in formats
        for width in widths
    ]
    made = renditions_of(image, [spec for _format, _width, spec in specs])
    renditions = [
        {
            "url": _url(made[spec]),
            "width": made[spec].width,
            "height": made[spec].height,
            "format": image_format,
        }
        for image_format, _width, spec in specs
        if spec in made
    ]
    # The <img> fallback: the last format (JPEG by default), at the field's own width if made.
    fallback = [r for r in renditions if r["format"] == formats[-1]] or [_original(image)]
    src = next((r for r in reversed(fallback) if r["width"] <= shape[0]), fallback[0])
    focal = None
    if image.has_focal_point():
        x, y = image.get_focal_point().centroid
        focal = {"x": round(x / image.width, 4), "y": round(y / image.height, 4)}
    return {
        "alt": getattr(image, "default_alt_text", None) or image.title,
        "width": src["width"],
        "height": src["height"],
        "focal_point": focal,
        "src": {"url": src["url"], "width": src["width"], "height": src["height"]},
        "sources": [
            {
                "type": MIME_TYPES.get(image_format, f"image/{image_format}"),
                "srcset": ", ".join(
                    f"{r['url']} {r['width']}w" for r in renditions if r["format"] == image_format
                ),
            }
            for image_format in formats
            if any(r["format"] == image_format for r in renditions)
        ],
        "renditions": renditions,
    }


def image_renditions_build(image):
    """Make every rendition the API serves of `image` (those missing); returns how many were made.

    A background task after each image save: public reads only ever use existing renditions.
    """
    specs = [_spec(HERO_SHAPE[0], HERO_SHAPE, "jpeg")] + [
        _spec(width, HERO_SHAPE, image_format)
        for image_format in rendition_formats()
        for width in rendition_widths(image)
    ]
    existing = image.find_existing_renditions(*(Filter(spec=spec) for spec in specs))
    made = len(set(specs)) - len(existing)
    if made:
        image.get_renditions(*specs)
        # Answers cached meanwhile showed the original in their place.
        content_generation_bump()
    return made


@task()
def image_renditions_build_task(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    return image_renditions_build(image) if image is not None else 0


def _original(image):
    original = _Original(image)
    return {"url": _url(original), "width": original.width, "height": original.height, "format": None}


class ResponsiveImageField(Field):
    """An image foreign key as a rendition set (see the module docstring), or null."""

    def __init__(self, *args, shape=HERO_SHAPE, **kwargs):
        self.shape = shape
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, image):
        return responsive_image(image, self.shape)
