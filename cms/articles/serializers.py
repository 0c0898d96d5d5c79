"""API serializers for model fields that point at snippets."""

from rest_framework import serializers


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


class PersonSerializer(SnippetSerializer):
    """{"id": 3, "slug": "jane-doe", "name": "Jane Doe", "credentials": "MD", "job_title": "..."}"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, fields=("id", "slug", "name", "credentials", "job_title"), **kwargs)


class AuthorsSerializer(serializers.Field):
    """The article's authors in order, each as a person object."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        person = PersonSerializer()
        return [person.to_representation(author.person) for author in value.all()]
