"""How the read API (v2) shows the fields of articles that point at snippets, images and people.

Only live vocabulary is shown: a snippet whose draft was never published (or was unpublished)
appears as null, or is left out of a list. The return annotations are the shapes.
"""

import functools

from rest_framework import serializers
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12


class ConditionData(TypedDict):
    id: int
    slug: str
    name: str
    icd10_code: str


class SignedReviewer(TypedDict):
    name: str
    credentials: str


class PersonData(TypedDict):
    id: int
    slug: str
    name: str
    credentials: str
    job_title: str


def _live(value):
    return value is not None and getattr(value, "live", True)


class SnippetSerializer(serializers.Field):
    """A related snippet as a small object of the given fields, or null."""

    def __init__(self, *args, fields=("id", "slug", "name"), **kwargs):
        self.snippet_fields = list(fields)
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        if not _live(value):
            return None
        return {name: getattr(value, name if name != "id" else "pk") for name in self.snippet_fields}


class ConditionSerializer(SnippetSerializer):
    """{"id": 1, "slug": "lung-cancer", "name": "Lung cancer", "icd10_code": "C34"}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "icd10_code"), **kwargs)

    def to_representation(self, value) -> ConditionData | None:
        return super().to_representation(value)


class PersonSerializer(SnippetSerializer):
    """{"id": 3, "slug": "jane-doe", "name": "Jane Doe", "credentials": "MD", "job_title": "..."}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "credentials", "job_title"), **kwargs)

    def to_representation(self, value) -> PersonData | None:
        return super().to_representation(value)


class AuthorsSerializer(serializers.Field):
    """The article's authors in order, each as a person object (live people only)."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value) -> list[PersonData]:
        person = PersonSerializer()
        return [person.to_representation(a.person) for a in value.all() if _live(a.person)]


@functools.cache
def article_field_serializers():
    """{field name: serializer} for ArticlePage fields whose v2 shape is not the model's."""
    from .images import ResponsiveImageField

    return {
        "condition": ConditionSerializer(),
        # The hero image as responsive renditions (images.py).
        "hero_image": ResponsiveImageField(),
        "authors": AuthorsSerializer(),
    }
