"""The editorial roles and the least permissions each needs.

`roles_ensure()` is idempotent: `make demo` and the tests call it; so can deployments.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
PUBLISHERS = "Publishers"

# Page permissions each role holds on every locale's root page.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MEDICAL_REVIEWERS: ["change_page", "lock_page", "unlock_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "delete_page"],
}

SNIPPETS = ["condition", "treatmentmodality", "medicalcenter", "person"]
MEDIA = [("wagtailimages", "image"), ("wagtaildocs", "document")]

# Model permissions: (app_label, codename).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        *[("articles", f"{verb}_{model}") for model in SNIPPETS for verb in ("add", "change", "view")],
        *[(app, f"{verb}_{model}") for app, model in MEDIA for verb in ("add", "change", "choose")],
    ],
    MEDICAL_REVIEWERS: [
        ("wagtailadmin", "access_admin"),
        *[("articles", f"view_{model}") for model in SNIPPETS],
        ("articles", "change_person"),
        *[(app, f"choose_{model}") for app, model in MEDIA],
    ],
    PUBLISHERS: [
        ("wagtailadmin", "access_admin"),
        *[
            ("articles", f"{verb}_{model}")
            for model in SNIPPETS
            for verb in ("add", "change", "delete", "view")
        ],
        *[(app, f"{verb}_{model}") for app, model in MEDIA for verb in ("add", "change", "delete", "choose")],
    ],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_ensure():
    """Create the role groups with exactly their permissions; return {name: Group}."""
    groups = {}
    locale_roots = list(Page.objects.filter(depth=2))
    for name in (EDITORS, MEDICAL_REVIEWERS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(app, code) for app, code in MODEL_PERMISSIONS[name]])
        for root in locale_roots:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission("wagtailcore", codename)
                )
        groups[name] = group
    return groups
