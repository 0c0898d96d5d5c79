"""v3's OpenAPI types article bodies exactly, through Wagtail's public schema hook.

Wagtail's v3 read-schema generator types every StreamField as `list[Any]`. Its public
`read_generator.register_field_schema` lets a project say how a field class is typed: here
an article body is typed as the same discriminated block union as v2's document
(contract.BodyBlock), still resolved by Wagtail's own resolver. Relations to the vocabulary
(condition, each author's person) are read as the same objects as in v2, live versions only;
writes take their ids (`condition_id`, `person_id`), Wagtail's own write schema. The article's
reviewer is read as the sign-off recorded them (name, credentials), never the Person as it
reads today. Registered from DeliveryConfig.ready(), before Wagtail's v3 registry builds its
schemas (on first import of its routers).
"""

from django.db.models import ForeignKey
from wagtail.api.v3.schemas import read_generator
from wagtail.api.v3.schemas.generators.read import foreign_key_schema, streamfield_schema
from wagtail.fields import StreamField

from .contract import BodyBlock
from .serializers import ConditionData, ConditionSerializer, PersonData, PersonSerializer, SignedReviewer


def typed_streamfield_schema(generator, field):
    from cms.articles.blocks import ArticleBodyBlock

    annotation, default, resolve = streamfield_schema(generator, field)
    if isinstance(field.stream_block, ArticleBodyBlock):
        annotation = list[BodyBlock]
    return annotation, default, resolve


def _signed_reviewer(obj, context=None):
    if not getattr(obj, "medical_reviewer_name", ""):
        return None
    return {"name": obj.medical_reviewer_name, "credentials": obj.medical_reviewer_credentials}


def typed_foreign_key_schema(generator, field):
    from cms.articles.models import ArticlePage, Condition, Person

    if issubclass(field.model, ArticlePage) and field.name == "medical_reviewer":
        return SignedReviewer | None, None, staticmethod(_signed_reviewer)
    shapes = {Condition: (ConditionData, ConditionSerializer()), Person: (PersonData, PersonSerializer())}
    if field.related_model in shapes:
        data, serializer = shapes[field.related_model]
        name = field.name

        def resolve(obj, context=None):
            return serializer.to_representation(getattr(obj, name))

        return data | None, None, staticmethod(resolve)
    return foreign_key_schema(generator, field)


def v3_schema_register():
    read_generator.register_field_schema(StreamField, typed_streamfield_schema)
    read_generator.register_field_schema(ForeignKey, typed_foreign_key_schema)
