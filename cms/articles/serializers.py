"""API serializers for model fields that point at snippets.

The return annotations are the shapes: Wagtail's v3 OpenAPI reads them to type these fields.
"""

from rest_framework import serializers
from typing_extensions import TypedDict  # pydantic (v3 OpenAPI) needs this one on Python < 3.12


class ConditionData(TypedDict):
    id: int
    slug: str
    name: str
    icd10_code: str


class PersonData(TypedDict):
    id: int
    slug: str
    name: str
    credentials: str
    job_title: str


class SnippetSerializer(serializers.Field):
    """A related snippet as a small object of the given fields, or null."""

    def __init__(self, *args, fields=("id", "slug", "name"), **kwargs):
        self.snippet_fields = list(fields)
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        if value is None:
            return None
        return {name: getattr(value, name if name != "id" else "pk") for name in self.snippet_fields}


class ConditionSerializer(SnippetSerializer):
    """{"id": 1, "slug": "lung-cancer", "name": "Lung cancer", "icd10_code": "C34"}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "icd10_code"), **kwargs)

    def to_representation(self, value) -> ConditionData:
        return super().to_representation(value)


class PersonSerializer(SnippetSerializer):
    """{"id": 3, "slug": "jane-doe", "name": "Jane Doe", "credentials": "MD", "job_title": "..."}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "credentials", "job_title"), **kwargs)

    def to_representation(self, value) -> PersonData:
        return super().to_representation(value)


class AuthorsSerializer(serializers.Field):
    """The article's authors in order, each as a person object."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value) -> list[PersonData]:
        person = PersonSerializer()
        return [person.to_representation(author.person) for author in value.all()]
