"""Rows saved raw (`loaddata`, the test runner's serialized rollback) start no snapshot work:
Django's advice for raw saves is to leave other rows alone, as they may not be loaded yet."""

import pytest
from django.contrib.auth.models import Permission
from django.core import serializers

pytestmark = pytest.mark.django_db


def test_loaded_rows_schedule_no_snapshot_build(modalities, home_page, django_capture_on_commit_callbacks):
    rows = serializers.serialize(
        "json", [modalities["surgery"], Permission.objects.first(), home_page.page_ptr]
    )
    with django_capture_on_commit_callbacks() as loaded:
        for row in serializers.deserialize("json", rows):
            row.save()
    assert loaded == []

    # The same rows saved for real still rebuild what shows them.
    with django_capture_on_commit_callbacks() as saved:
        modalities["surgery"].save()
    assert saved
