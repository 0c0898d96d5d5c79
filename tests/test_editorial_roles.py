"""Roles: least permissions, exact and idempotent, on every locale root; the workflow on every root."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
)

from cms.editorial.roles import EDITORS, MEDICAL_REVIEWERS, PUBLISHERS, ensure_roles
from cms.editorial.workflow import WORKFLOW_NAME, ensure_workflow
from home.models import HomePage

pytestmark = pytest.mark.django_db


def page_codes(group, page):
    return sorted(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def collection_codes(group):
    return sorted(
        GroupCollectionPermission.objects.filter(
            group=group, collection=Collection.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )


def model_codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.fixture
def spanish_root(unseeded, home_page):
    locale = Locale.objects.get_or_create(language_code="es")[0]
    root = Page.get_first_root_node()
    return root.add_child(instance=HomePage(title="Inicio", slug="inicio-es", locale=locale))


def test_least_page_permissions(home_page):
    groups = ensure_roles()
    assert page_codes(groups[EDITORS], home_page) == ["add_page", "change_page", "lock_page"]
    assert page_codes(groups[MEDICAL_REVIEWERS], home_page) == []
    assert page_codes(groups[PUBLISHERS], home_page) == [
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    ]


def test_media_through_collection_permissions(home_page):
    groups = ensure_roles()
    assert collection_codes(groups[EDITORS]) == [
        "add_document",
        "add_image",
        "choose_document",
        "choose_image",
    ]
    assert collection_codes(groups[MEDICAL_REVIEWERS]) == []
    assert len(collection_codes(groups[PUBLISHERS])) == 8
    # Media permissions live on collections only, not on the group itself.
    for group in groups.values():
        assert not {c for c in model_codes(group) if c.startswith(("wagtailimages.", "wagtaildocs."))}


def test_snippet_permissions(home_page):
    groups = ensure_roles()
    editors, reviewers, publishers = (
        model_codes(groups[n]) for n in (EDITORS, MEDICAL_REVIEWERS, PUBLISHERS)
    )
    assert {"articles.add_condition", "articles.change_medicalcenter", "articles.view_person"} <= editors
    # People carry the credentials and CMS accounts behind sign-offs: editors only view them.
    assert not {"articles.change_person", "articles.add_person", "articles.delete_condition"} & editors
    assert {c for c in reviewers if c.startswith("articles.")} == {
        "articles.view_condition",
        "articles.view_treatmentmodality",
        "articles.view_medicalcenter",
        "articles.view_person",
    }
    assert {"articles.change_person", "articles.delete_medicalcenter"} <= publishers
    for codes in (editors, reviewers, publishers):
        assert "wagtailadmin.access_admin" in codes
        assert "editorial.view_clinicalsignoff" in codes
        assert "editorial.add_clinicalsignoff" not in codes


def test_exact_and_idempotent_but_leaves_other_apps_alone(home_page):
    groups = ensure_roles()
    editors = groups[EDITORS]
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=home_page, permission=publish)
    editors.permissions.add(Permission.objects.get(codename="delete_person"))
    foreign = Permission.objects.get(codename="submit_translation")
    editors.permissions.add(foreign)
    before = GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()
    ensure_roles()
    ensure_roles()
    assert "publish_page" not in page_codes(editors, home_page)
    assert "articles.delete_person" not in model_codes(editors)
    assert foreign in editors.permissions.all()
    assert (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()) == (
        before[0] - 1,
        before[1],
    )
    assert Group.objects.filter(name__in=[EDITORS, MEDICAL_REVIEWERS, PUBLISHERS]).count() == 3


def test_every_locale_root_including_later_ones(unseeded, home_page, spanish_root):
    groups = ensure_roles()
    workflow, others = ensure_workflow(groups)
    assert others == []
    for root in (home_page, spanish_root):
        assert page_codes(groups[EDITORS], root) == ["add_page", "change_page", "lock_page"]
        assert WorkflowPage.objects.get(page=root).workflow == workflow
    german = Locale.objects.get_or_create(language_code="de")[0]
    later = Page.get_first_root_node().add_child(
        instance=HomePage(title="Start", slug="start-de", locale=german)
    )
    ensure_workflow()
    assert WorkflowPage.objects.get(page=later).workflow == workflow
    assert "publish_page" in page_codes(groups[PUBLISHERS], later)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_workflow_tasks_in_order(home_page):
    workflow, _ = ensure_workflow()
    ensure_workflow()
    tasks = [t.specific for t in workflow.tasks]
    assert [type(t).__name__ for t in tasks] == ["GroupApprovalTask", "MedicalReviewTask"]
    assert [list(t.groups.values_list("name", flat=True)) for t in tasks] == [
        [PUBLISHERS],
        [MEDICAL_REVIEWERS],
    ]


def test_another_workflow_on_a_root_is_kept_and_reported(unseeded, home_page, spanish_root):
    other = Workflow.objects.create(name="Translation review (Spanish)")
    WorkflowPage.objects.create(page=spanish_root, workflow=other)
    _workflow, others = ensure_workflow()
    assert [p.pk for p in others] == [spanish_root.pk]
    assert WorkflowPage.objects.get(page=spanish_root).workflow == other
    err = io.StringIO()
    out = io.StringIO()
    call_command("ensure_roles", stdout=out, stderr=err)
    assert "keeps another workflow" in err.getvalue()
    assert "Editorial roles and workflow are up to date." in out.getvalue()


def test_ensure_roles_command(home_page):
    out = io.StringIO()
    call_command("ensure_roles", stdout=out)
    call_command("ensure_roles", stdout=out)
    assert "Medical reviewers: " in out.getvalue()
    assert "pages: none" in out.getvalue()
    assert WorkflowPage.objects.filter(page=home_page, workflow__name=WORKFLOW_NAME).exists()


def test_tree_root_gets_the_workflow_instead_of_wagtails_default(unseeded, home_page):
    tree_root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=tree_root).workflow.name == "Moderators approval"
    workflow, _ = ensure_workflow()
    assert WorkflowPage.objects.get(page=tree_root).workflow == workflow
