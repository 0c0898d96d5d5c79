"""The "Editorial and medical review" workflow, assigned to every locale's root page and to the
vocabulary snippets (conditions, modalities, centres, people) of the source language.

Its medical step skips what is not medical content, so centres and people are approved by a
publisher only. Translated snippets follow their language's review (ReviewedSnippet.get_workflow).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from .models import MedicalReviewTask
from .roles import MEDICAL_REVIEWERS, PUBLISHERS, ensure_roles

WORKFLOW_NAME = "Editorial and medical review"
EDITORIAL_TASK_NAME = "Editorial review"
MEDICAL_TASK_NAME = "Medical review"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _task(model, name, group):
    task = model.objects.filter(name=name).order_by("pk").first()
    if task is None:
        task = model.objects.create(name=name)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([group])
    return task


@transaction.atomic
def ensure_workflow(groups=None):
    """Create the workflow (Publishers' editorial review, then the medical review) and assign it.

    Idempotent: re-running fixes the tasks and their order and assigns the workflow to any
    locale root (depth 2) that has none. Returns (workflow, roots that keep another workflow).
    """
    groups = groups or ensure_roles()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    tasks = [
        _task(GroupApprovalTask, EDITORIAL_TASK_NAME, groups[PUBLISHERS]),
        _task(MedicalReviewTask, MEDICAL_TASK_NAME, groups[MEDICAL_REVIEWERS]),
    ]
    # WorkflowTask rows are saved directly: workflow.workflow_tasks.create() is not (modelcluster).
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    # The tree root too, replacing Wagtail's default "Moderators approval" there, so a locale
    # root created later is covered before anyone re-runs this.
    tree_root = Page.get_first_root_node()
    assignment, _created = WorkflowPage.objects.get_or_create(page=tree_root, defaults={"workflow": workflow})
    if assignment.workflow_id != workflow.pk and assignment.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        assignment.workflow = workflow
        assignment.save(update_fields=["workflow"])
    from cms.articles.models import Condition, MedicalCenter, Person, TreatmentModality

    for model in (Condition, TreatmentModality, MedicalCenter, Person):
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    others = []
    for root in Page.objects.filter(depth=2):
        assignment, _created = WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
        if assignment.workflow_id != workflow.pk:
            others.append(root)
    return workflow, others
