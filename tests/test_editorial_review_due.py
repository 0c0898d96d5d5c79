"""The review-due lifecycle: reminders command, admin report and dashboard panel."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from cms.articles.models import ArticlePage
from tests.editorial_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_articles(make_article, reviewer, users, editorial):
    """Overdue, due soon, current and unscheduled articles; the overdue one is reviewed by a CMS user."""
    today = timezone.localdate()
    reviewer.user = users["reviewer"]
    reviewer.save()
    dates = {
        "Overdue article": today - datetime.timedelta(days=10),
        "Due soon article": today + datetime.timedelta(days=5),
        "Current article": today + datetime.timedelta(days=200),
        "Unscheduled article": None,
    }
    pages = {}
    for title, due in dates.items():
        page = make_article(title, signer=users["reviewer"])
        ArticlePage.objects.filter(pk=page.pk).update(next_review_due=due)
        pages[title] = page
    return pages


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_review_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_reminders_email_each_reviewer_once(due_articles, mailoutbox):
    out, _err = run()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["reviewer@example.org"]
    assert "2 articles" in mail.subject
    assert "Overdue article" in mail.body and "Due soon article" in mail.body
    assert "Current article" not in mail.body
    assert f"/admin/pages/{due_articles['Overdue article'].pk}/edit/" in mail.body
    assert "emailing reviewer@example.org" in out
    assert "2 article(s) due; 1 email(s) sent" in out


def test_reminders_filter_and_dry_run(due_articles, mailoutbox):
    out, _err = run("--status", "overdue", "--dry-run")
    assert mailoutbox == []
    assert "would email reviewer@example.org: Overdue article" in out
    assert "Due soon article" not in out


def test_reminders_report_reviewers_nobody_can_email(due_articles, reviewer, mailoutbox):
    reviewer.user = None
    reviewer.save()
    out, err = run()
    assert mailoutbox == []
    assert "nobody to email for “Overdue article”" in err
    assert "2 without a reviewer to email" in out


@pytest.mark.parametrize("args", [["--status", "late"], ["--locale", "xx"], ["--bogus"]])
def test_reminders_bad_options_fail(due_articles, args):
    with pytest.raises(CommandError):
        run(*args)


def test_reminders_locale(due_articles, mailoutbox):
    Locale.objects.get_or_create(language_code="es")
    out, _ = run("--locale", "es")
    assert "0 article(s) due" in out
    assert mailoutbox == []


def report(client, **params):
    return client.get(reverse("editorial_review_due"), params)


def test_report_lists_articles_by_due_date(due_articles, users):
    response = report(client_for(users["editor"]))
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        html.index(title)
        for title in ("Unscheduled article", "Overdue article", "Due soon article", "Current article")
    ]
    assert order == sorted(order)
    assert "Not scheduled" in html and "Overdue" in html


@pytest.mark.parametrize(
    ("status", "shown"),
    [("overdue", "Overdue article"), ("due_soon", "Due soon article"), ("current", "Current article")],
)
def test_report_filters_by_status(due_articles, users, status, shown):
    html = report(client_for(users["reviewer"]), review_status=status).content.decode()
    titles = [t for t in due_articles if t in html]
    assert titles == [shown]


def test_report_filters_by_locale(due_articles, users):
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    html = report(client_for(users["publisher"]), locale=spanish.pk).content.decode()
    assert not [t for t in due_articles if t in html]
    english = Locale.objects.get(language_code="en")
    html = report(client_for(users["publisher"]), locale=english.pk).content.decode()
    assert all(t in html for t in due_articles)


def test_report_csv_export(due_articles, users):
    response = report(client_for(users["publisher"]), export="csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Overdue article" in body and "Review status" in body


def test_report_needs_the_permission(due_articles, django_user_model):
    from django.contrib.auth.models import Permission

    stranger = django_user_model.objects.create_user("stranger", password="pw")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = report(client_for(stranger))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "Medical review of live articles" not in client_for(stranger).get("/admin/").content.decode()


def test_report_in_the_reports_menu(due_articles, users):
    html = client_for(users["editor"]).get("/admin/").content.decode()
    assert reverse("editorial_review_due") in html


def test_dashboard_panel_counts(due_articles, users):
    html = client_for(users["reviewer"]).get("/admin/").content.decode()
    assert "Medical review of live articles" in html
    for key, count in (("overdue", 1), ("due_soon", 1), ("current", 1), ("unscheduled", 1)):
        row = html.split(f'data-review-status="{key}"', 1)[1].split("</tr>", 1)[0]
        assert f"<strong data-count>{count}</strong>" in row
        assert f"?review_status={key}" in row
