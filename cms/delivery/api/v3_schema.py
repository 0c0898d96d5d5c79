"""v3's OpenAPI types article bodies exactly, through Wagtail's public schema hook.

Wagtail's v3 read-schema generator types every StreamField as `list[Any]`. Its public
`read_generator.register_field_schema` lets a project say how a field class is typed: here
an article body is typed as the same discriminated block union as v2's document
(contract.BodyBlock), still resolved by Wagtail's own resolver. Relations (condition, hero image,
authors, reviewer) are plain writable model fields there, which Wagtail's generator types as
`{id, meta}` objects (reads) and ids (writes). Registered from DeliveryConfig.ready(), before
Wagtail's v3 registry builds its schemas (on first import of its routers).
"""

from wagtail.api.v3.schemas import read_generator
from wagtail.api.v3.schemas.generators.read import streamfield_schema
from wagtail.fields import StreamField

from .contract import BodyBlock


def typed_streamfield_schema(generator, field):
    from cms.articles.blocks import ArticleBodyBlock

    annotation, default, resolve = streamfield_schema(generator, field)
    if isinstance(field.stream_block, ArticleBodyBlock):
        annotation = list[BodyBlock]
    return annotation, default, resolve


def v3_schema_register():
    read_generator.register_field_schema(StreamField, typed_streamfield_schema)
