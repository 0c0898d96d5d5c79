"""The vocabulary patients read inside every article changes only through review.

Conditions and modalities: editorial and medical review (a clinical sign-off, as for articles).
Centres and people: a publisher's approval. The APIs serve only the live version.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import APIToken, TaskState

from cms.articles.models import Condition, MedicalCenter, Person, TreatmentModality
from cms.editorial.models import ClinicalSignOff
from cms.editorial.signoff import SignOffRequired
from tests.editorial_support import client_for

pytestmark = pytest.mark.django_db


def edit_url(obj):
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def post_snippet(client, obj, values, action=None):
    """Submit the snippet editor's form as the browser does (with the revision it was opened on)."""
    obj = type(obj).objects.get(pk=obj.pk)
    data = {**values, "loaded_revision_id": obj.latest_revision_id or ""}
    if action:
        data[f"action-{action}"] = "1"
    return client.post(edit_url(obj), data)


def condition_form(condition, **changes):
    values = {
        "name": condition.name,
        "slug": condition.slug,
        "description": condition.description,
        "icd10_code": condition.icd10_code,
    }
    return {**values, **changes}


def snippet_workflow_action(client, obj, action="approve"):
    obj = type(obj).objects.get(pk=obj.pk)
    task_state = obj.current_workflow_task_state
    url = reverse(obj.snippet_viewset.get_url_name("workflow_action"), args=[obj.pk, action, task_state.pk])
    return client.post(url, {"comment": ""})


def api_article(client, page):
    return client.get(f"/api/v2/articles/{page.pk}/").json()


@pytest.fixture
def signed_article(make_article, users, reviewer_person):
    return make_article("Signed article")


def test_a_condition_edit_is_a_draft_until_signed_off(client, signed_article, condition, users):
    editor = client_for(users["editor"])
    renamed = condition_form(condition, name="Lung carcinoma", description="Edited, not reviewed.")
    assert post_snippet(editor, condition, renamed).status_code == 302
    # Nothing patients see changed: the row is the live version.
    assert Condition.objects.get(pk=condition.pk).name == "Lung cancer"
    data = api_article(client, signed_article)
    assert data["condition"]["name"] == "Lung cancer"
    assert data["json_ld"]["about"]["name"] == "Lung cancer"
    assert "Lung carcinoma" not in json.dumps(client.get("/api/v2/conditions/?fields=*").json())

    # The editor submits it; a publisher approves the editorial step; a clinician signs it off.
    assert post_snippet(editor, condition, renamed, action="submit").status_code == 302
    condition = Condition.objects.get(pk=condition.pk)
    assert condition.current_workflow_task.name == "Editorial review"
    snippet_workflow_action(client_for(users["publisher"]), condition)
    condition = Condition.objects.get(pk=condition.pk)
    assert condition.current_workflow_task.name == "Medical review"
    assert condition.name == "Lung cancer"
    snippet_workflow_action(client_for(users["reviewer"]), condition)
    condition = Condition.objects.get(pk=condition.pk)
    assert condition.name == "Lung carcinoma" and condition.live
    signoff = ClinicalSignOff.objects.get(object_id=str(condition.pk), page__isnull=True)
    assert signoff.revision_id == condition.live_revision_id
    client.get("/")  # a new request: the cache was invalidated by the publish
    assert api_article(client, signed_article)["condition"]["name"] == "Lung carcinoma"


def test_publishing_a_condition_without_signoff_is_refused(client, condition, users):
    publisher = client_for(users["publisher"])
    response = post_snippet(
        publisher, condition, condition_form(condition, name="Lung tumour"), action="publish"
    )
    assert response.status_code == 302
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "needs a medical sign-off" in messages
    condition = Condition.objects.get(pk=condition.pk)
    assert condition.name == "Lung cancer"
    assert condition.get_latest_revision_as_object().name == "Lung tumour"  # kept as a draft
    with pytest.raises(SignOffRequired):
        condition.get_latest_revision().publish(user=users["admin"])
    assert Condition.objects.get(pk=condition.pk).name == "Lung cancer"


def test_a_modality_schema_type_change_needs_a_signoff(modalities, users):
    surgery = modalities["surgery"]
    draft = TreatmentModality.objects.get(pk=surgery.pk)
    draft.schema_type = "MedicalTherapy"
    revision = draft.save_revision(user=users["editor"])
    with pytest.raises(SignOffRequired):
        revision.publish(user=users["publisher"], skip_permission_checks=True)
    assert TreatmentModality.objects.get(pk=surgery.pk).schema_type == "SurgicalProcedure"


def test_people_go_live_with_a_publisher_and_sign_offs_keep_the_signed_identity(
    client, signed_article, reviewer, users
):
    before = api_article(client, signed_article)
    assert before["medical_review"]["reviewed_by"] == {"name": "Dr Rae Viewer", "credentials": "MD"}
    # Editors cannot change people at all (their credentials back sign-offs).
    response = post_snippet(
        client_for(users["editor"]), reviewer, {"name": "Dr Impostor", "slug": reviewer.slug}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert Person.objects.get(pk=reviewer.pk).name == "Dr Rae Viewer"
    # A publisher rewrites the credentials and publishes them.
    values = {
        "name": "Dr Rae Viewer",
        "slug": reviewer.slug,
        "credentials": "PhD (unverified)",
        "job_title": "",
    }
    publisher = client_for(users["publisher"])
    assert post_snippet(publisher, reviewer, values).status_code == 302
    assert Person.objects.get(pk=reviewer.pk).credentials == "MD"  # a draft first
    assert post_snippet(publisher, reviewer, values, action="publish").status_code == 302
    assert Person.objects.get(pk=reviewer.pk).credentials == "PhD (unverified)"
    # The article still shows the reviewer as the sign-off recorded them.
    after = api_article(client, signed_article)
    assert after["medical_review"]["reviewed_by"] == {"name": "Dr Rae Viewer", "credentials": "MD"}
    assert after["json_ld"]["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Rae Viewer",
        "honorificSuffix": "MD",
    }


def test_a_centre_change_goes_live_with_a_publisher_approval(client, signed_article, center, users):
    values = {
        "name": "Test Thoracic Centre",
        "slug": center.slug,
        "city": "Lyon",
        "country": "France",
        "accreditation": "Accredited by nobody",
        "website": "",
        "modalities": [m.pk for m in center.modalities.all()],
    }
    editor = client_for(users["editor"])
    assert post_snippet(editor, center, values, action="submit").status_code == 302
    center = MedicalCenter.objects.get(pk=center.pk)
    assert center.accreditation == ""
    snippet_workflow_action(client_for(users["publisher"]), center)
    center = MedicalCenter.objects.get(pk=center.pk)
    assert center.accreditation == "Accredited by nobody"
    # No clinical step for centres: it was skipped.
    statuses = {
        s.task.name: s.status for s in TaskState.objects.filter(workflow_state__object_id=str(center.pk))
    }
    assert statuses["Medical review"] == TaskState.STATUS_SKIPPED
    treatment = next(b for b in api_article(client, signed_article)["body"] if b["type"] == "treatment")
    assert treatment["value"]["centers"][0]["accreditation"] == "Accredited by nobody"


def test_unpublished_vocabulary_is_not_served(client, signed_article, condition, center, users):
    Condition.objects.get(pk=condition.pk).unpublish(user=users["publisher"])
    MedicalCenter.objects.get(pk=center.pk).unpublish(user=users["publisher"])
    data = api_article(client, signed_article)
    assert data["condition"] is None
    assert "about" not in data["json_ld"]
    treatment = next(b for b in data["body"] if b["type"] == "treatment")
    assert treatment["value"]["centers"] == []
    assert condition.pk not in [c["id"] for c in client.get("/api/v2/conditions/").json()["items"]]
    assert client.get(f"/api/v2/conditions/{condition.pk}/").status_code == 404


def test_v3_snippet_writes_are_drafts_and_publishing_needs_a_signoff(client, condition, users):
    def bearer(role):
        return {"Authorization": f"Bearer {APIToken.create_token(user=users[role], name=role)[1]}"}

    url = f"/api/v3/snippets/articles.Condition/{condition.pk}/"
    response = client.patch(
        url,
        data=json.dumps({"name": "Lung neoplasm"}),
        content_type="application/json",
        headers=bearer("editor"),
    )
    assert response.status_code == 200, response.content
    assert Condition.objects.get(pk=condition.pk).name == "Lung cancer"
    response = client.post(f"{url}actions/publish/", headers=bearer("publisher"))
    assert response.status_code == 403, response.content
    assert "sign-off" in response.json()["detail"]
    response = client.patch(
        url,
        data=json.dumps({"meta": {"action": "publish"}, "name": "Lung neoplasm"}),
        content_type="application/json",
        headers=bearer("publisher"),
    )
    assert response.status_code == 403
    assert Condition.objects.get(pk=condition.pk).name == "Lung cancer"


def test_existing_vocabulary_stays_live_after_the_migration(modalities):
    # The shipped modalities were created before snippets had drafts: they are live.
    assert all(m.live for m in modalities.values())
    assert TreatmentModality.objects.filter(live=False).count() == 0
