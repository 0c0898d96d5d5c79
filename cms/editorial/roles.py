"""The editorial roles and the least permissions each needs.

`ensure_roles()` is idempotent and authoritative: it creates the groups and sets exactly the
permissions below, on every locale's root page (depth 2) and on the root collection. Re-run
it (`manage.py ensure_roles`) after adding a locale; `make demo` runs it.

- Editors write: create and edit pages, lock them while editing, submit them to the workflow,
  upload and choose images and documents, draft vocabulary changes (conditions, modalities,
  centres) and submit them for review. They cannot publish anything, and cannot change
  people (whose credentials and CMS accounts back clinical sign-offs).
- Medical reviewers review: no page permission at all. The workflow's medical task gives
  them the editor (to read, compare revisions, comment, sign off or request changes) only
  while content is waiting for them. They can view the vocabulary and the review-due
  report, and withdraw the sign-off of a live article (clinical recall).
- Publishers approve the editorial step and publish, unpublish, schedule and delete pages;
  they manage people, vocabulary and media. Publishing an article, a condition or a
  modality still needs a sign-off.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
PUBLISHERS = "Publishers"
ROLES = (EDITORS, MEDICAL_REVIEWERS, PUBLISHERS)

# Page permissions (wagtailcore codenames) each role holds on every locale's root page.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MEDICAL_REVIEWERS: [],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# Image and document permissions each role holds on the root collection (and so on all).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    MEDICAL_REVIEWERS: [],
    PUBLISHERS: [
        (app, f"{verb}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for verb in ("add", "change", "delete", "choose")
    ],
}

VOCABULARY = ["condition", "treatmentmodality", "medicalcenter"]
SNIPPETS = [*VOCABULARY, "person"]
REPORT = ("editorial", "view_clinicalsignoff")
RECALL = ("editorial", "withdraw_clinicalsignoff")
# Model permissions of these apps are set exactly; others are left to their own apps.
MANAGED_APPS = ("wagtailadmin", "articles", "editorial", "wagtailcore", "wagtailimages", "wagtaildocs")

# Model permissions: (app_label, codename).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        *[
            ("articles", f"{verb}_{model}")
            for model in VOCABULARY
            for verb in ("add", "change", "view", "lock")
        ],
        ("articles", "view_person"),
        REPORT,
    ],
    MEDICAL_REVIEWERS: [
        ("wagtailadmin", "access_admin"),
        *[("articles", f"view_{model}") for model in SNIPPETS],
        REPORT,
        RECALL,
    ],
    PUBLISHERS: [
        ("wagtailadmin", "access_admin"),
        *[
            ("articles", f"{verb}_{model}")
            for model in SNIPPETS
            for verb in ("add", "change", "delete", "view", "publish", "lock", "unlock")
        ],
        REPORT,
    ],
}


def _permissions(pairs):
    wanted = set(pairs)
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in={code for _, code in wanted}).select_related(
            "content_type"
        )
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(f"Unknown permissions (are migrations applied?): {sorted(missing)}")
    return [found[pair] for pair in pairs]


def _sync(model, existing_filter, wanted, **fields):
    """Make the rows of `model` matching `existing_filter` hold exactly `wanted` permissions."""
    wanted_ids = {p.pk for p in wanted}
    model.objects.filter(**existing_filter).exclude(permission_id__in=wanted_ids).delete()
    have = set(model.objects.filter(**existing_filter).values_list("permission_id", flat=True))
    model.objects.bulk_create(
        [model(permission=p, **fields) for p in wanted if p.pk not in have], ignore_conflicts=True
    )


@transaction.atomic
def ensure_roles():
    """Create the role groups with exactly their permissions on every locale root; return {name: Group}."""
    groups = {}
    locale_roots = list(Page.objects.filter(depth=2))
    root_collection = Collection.get_first_root_node()
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = _permissions(MODEL_PERMISSIONS[name])
        # Exact within the apps this module governs; other apps' grants (e.g. wagtail-localize's
        # submit_translation, added by cms.localization) are left alone.
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label__in=MANAGED_APPS).exclude(
                pk__in=[p.pk for p in wanted]
            )
        )
        group.permissions.add(*wanted)
        page_perms = _permissions([("wagtailcore", code) for code in PAGE_PERMISSIONS[name]])
        for root in locale_roots:
            _sync(GroupPagePermission, {"group": group, "page": root}, page_perms, group=group, page=root)
        if root_collection is not None:
            _sync(
                GroupCollectionPermission,
                {"group": group, "collection": root_collection},
                _permissions(COLLECTION_PERMISSIONS[name]),
                group=group,
                collection=root_collection,
            )
        groups[name] = group
    return groups
