"""Existing sign-offs are of pages; articles show the reviewer as their live sign-off recorded it."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalSignOff = apps.get_model("editorial", "ClinicalSignOff")
    ArticlePage = apps.get_model("articles", "ArticlePage")
    page_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for signoff in ClinicalSignOff.objects.filter(content_type__isnull=True).exclude(page_id=None):
        signoff.content_type_id = page_type.pk
        signoff.object_id = str(signoff.page_id)
        signoff.save(update_fields=["content_type", "object_id"])
    # Only the latest sign-off of a page stays current: the others are superseded by it.
    latest = {}
    for signoff in ClinicalSignOff.objects.order_by("page_id", "-signed_at", "-pk"):
        if signoff.page_id in latest:
            signoff.superseded_by_id = latest[signoff.page_id]
            signoff.save(update_fields=["superseded_by"])
        else:
            latest[signoff.page_id] = signoff.pk
    for page in ArticlePage.objects.exclude(live_revision=None):
        signoff = ClinicalSignOff.objects.filter(revision_id=page.live_revision_id).first()
        if signoff is None:
            # Not signed off (seed content published under a waiver): no review to show.
            ArticlePage.objects.filter(pk=page.pk).update(medical_reviewer=None, last_reviewed=None, next_review_due=None)
            continue
        ArticlePage.objects.filter(pk=page.pk).update(
            medical_reviewer_name=signoff.reviewer_name,
            medical_reviewer_credentials=signoff.reviewer_credentials,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_signoff_generic"),
        ("articles", "0004_reviewed_vocabulary"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
