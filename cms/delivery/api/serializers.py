"""How the read API (v2) shows the fields of articles that point at snippets, images and people.

Only live vocabulary is shown: a snippet whose draft was never published (or was unpublished)
appears as null, or is left out of a list.
"""

import functools

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField


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


class PersonSerializer(SnippetSerializer):
    """{"id": 3, "slug": "jane-doe", "name": "Jane Doe", "credentials": "MD", "job_title": "..."}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "credentials", "job_title"), **kwargs)


class AuthorsSerializer(serializers.Field):
    """The article's authors in order, each as a person object (live people only)."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        person = PersonSerializer()
        return [person.to_representation(a.person) for a in value.all() if _live(a.person)]


class SignedReviewerSerializer(serializers.Field):
    """The reviewer as recorded in the sign-off: {"name": "Dr …", "credentials": "MD"}, or null."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(*args, **kwargs)

    def to_representation(self, page):
        if not page.medical_reviewer_name:
            return None
        return {"name": page.medical_reviewer_name, "credentials": page.medical_reviewer_credentials}


@functools.cache
def article_field_serializers():
    """{field name: serializer} for ArticlePage fields whose v2 shape is not the model's."""
    return {
        "condition": SnippetSerializer(fields=["id", "slug", "name", "icd10_code"]),
        # {"url", "full_url", "width", "height", "alt"} of a 1200x630 crop, or null.
        "hero_image": ImageRenditionField("fill-1200x630"),
        "authors": AuthorsSerializer(),
        "medical_reviewer": SignedReviewerSerializer(),
    }
