"""What counts as public content for the delivery API: the models whose rows it shows, the
models that decide who sees what, and which page saves are only draft bookkeeping. The cache
receivers (cache/receivers.py) and the change feed (changes/receivers.py) both go by these.
"""

import functools

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

# Page.save() with only these fields is draft bookkeeping (save_revision, locking):
# the live content anonymous callers see is unchanged.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "live_revision",
    }
)

# Changes to these models change what, or who, the public API shows.
VISIBILITY_MODELS = (
    Site,
    Locale,
    PageViewRestriction,
    CollectionViewRestriction,
    GroupPagePermission,
    GroupCollectionPermission,
    Group,
    Permission,
)


@functools.cache
def content_models():
    """The models whose rows appear in API output: our snippets, images and documents."""
    models = [m for m in apps.get_app_config("articles").get_models() if not issubclass(m, Page)]
    return (*models, get_image_model(), get_document_model())


@functools.cache
def content_senders():
    """Every model whose saves, deletes and many-to-many changes change the public API."""
    return frozenset((*content_models(), *VISIBILITY_MODELS))
