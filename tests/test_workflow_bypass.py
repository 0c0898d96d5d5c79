"""No way around the sign-off: every way of publishing an unsigned article revision is refused."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cms.articles.models import ArticleIndexPage, ArticlePage
from cms.editorial import publishing, signoff
from cms.editorial.models import ClinicalSignOff
from cms.editorial.publishing import guard_check
from cms.editorial.signoff import SignOffRequired, signoff_record, signoff_waived
from tests.editorial_support import article_form_data, client_for, latest_article, post_edit

pytestmark = pytest.mark.django_db


def live_text(page):
    return latest_article(page).body[0].value["body"].source


def unsigned_draft(article, text="Unreviewed claim."):
    draft = latest_article(article).get_latest_revision_as_object()
    draft.summary = text
    return draft.save_revision()


def test_startup_check_passes_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert guard_check() == []


def test_startup_check_fails_when_wagtail_checks_are_back(monkeypatch):
    for cls in publishing.GUARDED_ACTIONS:
        monkeypatch.setattr(cls, "check", publishing._wagtail_checks[cls])
    errors = guard_check()
    assert [error.id for error in errors] == ["editorial.E001", "editorial.E001"]
    assert errors[0].msg.startswith("PublishPageRevisionAction publishes medical content")
    assert errors[1].msg.startswith("PublishRevisionAction publishes medical content")


def test_startup_check_fails_when_the_rule_lets_unsigned_content_through(monkeypatch):
    monkeypatch.setattr(signoff, "signoff_require", lambda revision, obj, user=None: None)
    assert [error.id for error in guard_check()] == ["editorial.E001", "editorial.E001"]


def test_startup_check_fails_when_execute_skips_check(monkeypatch):
    # An upgrade whose execute() stopped calling check() would bypass the guard silently.
    def execute_unchecked(self, skip_permission_checks=False):
        return self._publish_revision(self.revision, self.object, user=self.user)

    monkeypatch.setattr(publishing.PublishRevisionAction, "execute", execute_unchecked)
    assert [error.id for error in guard_check()] == ["editorial.E001", "editorial.E001"]


def test_revision_publish_in_code(one_section_article, users):
    revision = unsigned_draft(one_section_article)
    for kwargs in (
        {},
        {"user": users["admin"]},
        {"user": users["publisher"], "skip_permission_checks": True},
    ):
        with pytest.raises(SignOffRequired, match="needs a medical sign-off"):
            revision.publish(**kwargs)
    with pytest.raises(SignOffRequired):
        latest_article(one_section_article).save_revision().publish()
    assert latest_article(one_section_article).summary == "What to expect."
    assert latest_article(one_section_article).live_revision_id != revision.pk


def test_admin_publish_button(one_section_article, users):
    client = client_for(users["publisher"])
    response = post_edit(
        client, one_section_article, action="action-publish", text="<p>Unreviewed change.</p>"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[one_section_article.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("needs a medical sign-off" in m for m in messages)
    assert "Unreviewed" not in live_text(one_section_article)
    # The publisher's edit is kept as a draft.
    assert (
        "Unreviewed change"
        in latest_article(one_section_article).get_latest_revision_as_object().body[0].value["body"].source
    )


def test_admin_publish_button_as_superuser(one_section_article, users):
    post_edit(
        client_for(users["admin"]), one_section_article, action="action-publish", text="<p>Admin change.</p>"
    )
    assert "Admin change" not in live_text(one_section_article)


def test_admin_create_and_publish(article_index, one_section_article, users):
    data = article_form_data(one_section_article, title="Brand new article", slug="brand-new-article")
    data["action-publish"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", article_index.pk])
    response = client_for(users["publisher"]).post(url, data)
    assert response.status_code == 302
    assert any("needs a medical sign-off" in str(m) for m in get_messages(response.wsgi_request))
    created = article_index.get_children().get(slug="brand-new-article")
    assert not created.live
    assert created.live_revision is None


def test_article_rows_are_never_inserted_live(article_index):
    page = ArticlePage(title="Inserted live", slug="inserted-live", live=True)
    article_index.add_child(instance=page)
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_admin_bulk_publish_refuses_the_whole_batch(
    one_section_article, users, reviewer_person, make_article
):
    signed = make_article("Signed article")
    draft = signed.get_latest_revision_as_object()
    draft.summary = "Signed change."
    draft.save_revision()
    signoff_record(latest_article(signed), users["reviewer"])
    unsigned_draft(one_section_article)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client_for(users["publisher"]).post(f"{url}?id={signed.pk}&id={one_section_article.pk}", {})
    assert response.status_code == 302
    assert any("need a medical sign-off" in str(m) for m in get_messages(response.wsgi_request))
    assert latest_article(signed).has_unpublished_changes
    assert latest_article(one_section_article).summary == "What to expect."


def test_scheduling_needs_a_signoff_too(one_section_article, users):
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    draft.summary = "Scheduled, unreviewed."
    draft.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = draft.save_revision()
    with pytest.raises(SignOffRequired):
        revision.publish(user=users["publisher"])
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_publish_scheduled_skips_unsigned_and_publishes_signed(
    one_section_article, users, reviewer_person, make_article
):
    past = timezone.now() - datetime.timedelta(minutes=5)
    # A schedule without a sign-off (made before the rule, or written to the database directly).
    unsigned = unsigned_draft(one_section_article)
    Revision.objects.filter(pk=unsigned.pk).update(approved_go_live_at=past)
    # A signed revision scheduled properly, through the publish action.
    other = make_article("Scheduled and signed")
    draft = other.get_latest_revision_as_object()
    draft.summary = "Signed, scheduled."
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    draft.save_revision()
    signoff = signoff_record(latest_article(other), users["reviewer"])
    signoff.revision.publish(user=users["publisher"])
    assert latest_article(other).summary != "Signed, scheduled."
    # Time passes: the go-live time is now behind us.
    scheduled = Revision.objects.get(pk=signoff.revision_id)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])

    err = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=err)
    assert "needs a medical sign-off" in err.getvalue()
    assert latest_article(one_section_article).summary == "What to expect."
    assert Revision.objects.get(pk=unsigned.pk).approved_go_live_at is None
    assert PageLogEntry.objects.filter(page=one_section_article, action="editorial.schedule_refused").exists()
    assert latest_article(other).summary == "Signed, scheduled."


def test_publish_scheduled_dry_run_changes_nothing(one_section_article):
    unsigned = unsigned_draft(one_section_article)
    past = timezone.now() - datetime.timedelta(minutes=5)
    Revision.objects.filter(pk=unsigned.pk).update(approved_go_live_at=past)
    err = io.StringIO()
    call_command("publish_scheduled", "--dryrun", stdout=io.StringIO(), stderr=err)
    assert "needs a medical sign-off" in err.getvalue()
    assert Revision.objects.get(pk=unsigned.pk).approved_go_live_at == past


def test_change_after_signoff_needs_a_new_signoff(one_section_article, users, reviewer_person):
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    draft.summary = "Reviewed text."
    draft.save_revision()
    first = signoff_record(latest_article(one_section_article), users["reviewer"])
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    draft.summary = "Reviewed text, then changed."
    changed = draft.save_revision()
    with pytest.raises(SignOffRequired):
        changed.publish(user=users["publisher"])
    # Rescheduling or re-saving the signed content is not a change.
    resaved = first.revision.as_object()
    resaved.go_live_at = None
    resaved.save_revision().publish(user=users["publisher"])
    assert latest_article(one_section_article).summary == "Reviewed text."
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    draft.summary = "Reviewed text, then changed."
    draft.save_revision()
    second = signoff_record(latest_article(one_section_article), users["reviewer"])
    Revision.objects.get(pk=second.revision_id).publish(user=users["publisher"])
    assert latest_article(one_section_article).summary == "Reviewed text, then changed."
    assert ClinicalSignOff.objects.filter(page=one_section_article).count() == 2


def test_waiver_publishes_and_leaves_an_audit_entry(one_section_article, users):
    revision = unsigned_draft(one_section_article, "Seed text.")
    with signoff_waived("importing the legacy archive"):
        revision.publish(user=users["publisher"])
    assert latest_article(one_section_article).summary == "Seed text."
    entry = PageLogEntry.objects.filter(page=one_section_article, action="editorial.signoff_waived").latest(
        "timestamp"
    )
    assert entry.data["reason"] == "importing the legacy archive"
    assert entry.user_id == users["publisher"].pk
    assert "waived: importing the legacy archive" in entry.message
    with pytest.raises(ValueError), signoff_waived("  "):
        pass
    # The waiver ends with its block.
    with pytest.raises(SignOffRequired):
        unsigned_draft(one_section_article, "After the block.").publish()


def test_pages_that_are_not_articles_need_no_signoff(article_index, users):
    index = ArticleIndexPage.objects.get(pk=article_index.pk)
    index.intro = "<p>New intro.</p>"
    index.save_revision().publish(user=users["publisher"])
    assert ArticleIndexPage.objects.get(pk=index.pk).intro == "<p>New intro.</p>"


def test_import_command_with_publish_is_refused(article_index, editorial):
    from django.core.management import CommandError

    from cms.demo.services import SEED_ARTICLE

    with pytest.raises(CommandError, match="needs a medical sign-off"):
        call_command("import_article", str(SEED_ARTICLE), "--publish", stdout=io.StringIO())
    assert not ArticlePage.objects.filter(live=True).exists()
