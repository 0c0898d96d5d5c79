"""Reviewers read what changed since the last sign-off; every link offered to a role works for it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.editorial.models import ClinicalSignOff
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db

DENIED = "do not have permission"


def submit_and_pass_editorial(article, users, text):
    post_edit(client_for(users["editor"]), latest_article(article), action="action-submit", text=text)
    workflow_action(client_for(users["publisher"]), latest_article(article), "approve")


@pytest.fixture
def signed_then_changed(one_section_article, users, reviewer_person):
    """Signed off once at "<p>Take 5000 mg.</p>", then corrected and waiting for the medical review."""
    submit_and_pass_editorial(one_section_article, users, "<p>Take 5000 mg.</p>")
    workflow_action(client_for(users["reviewer"]), latest_article(one_section_article), "approve", "Checked.")
    assert ClinicalSignOff.objects.filter(page_id=one_section_article.pk).count() == 1
    submit_and_pass_editorial(one_section_article, users, "<p>Take 50 mg.</p>")
    page = latest_article(one_section_article)
    assert page.current_workflow_task.name == "Medical review"
    return page


def get_ok(client, url):
    """GET `url` following redirects; fail if it ends anywhere but a 200 without a permission error."""
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    assert DENIED not in response.content.decode(), (url, response.redirect_chain)
    return response


def test_changes_view_shows_the_difference_since_the_last_signoff(signed_then_changed, users):
    page = signed_then_changed
    reviewer = client_for(users["reviewer"])
    html = get_ok(reviewer, reverse("editorial_review_changes", args=[page.pk])).content.decode()
    body = html[html.index("data-review-changes-section") :]
    # The signed text is deleted, the corrected text added: exactly the re-review's subject.
    deleted = re.findall(r'class="[^"]*deletion[^"]*">(.*?)</(?:span|div)>', body, re.S)
    added = re.findall(r'class="[^"]*addition[^"]*">(.*?)</(?:span|div)>', body, re.S)
    assert any("5000 mg" in text for text in deleted), deleted
    assert any("Take 50 mg" in text for text in added), added
    assert not any("5000 mg" in text for text in added)
    assert "Dr Daniel Okafor" in body


def test_the_signoff_dialog_opens_on_the_difference_since_the_last_signoff(signed_then_changed, users):
    page = signed_then_changed
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    dialog = get_ok(client_for(users["reviewer"]), url).json()["html"]
    changes = dialog[dialog.index('data-review-dialog-changes="page"') :]
    assert changes.split(">", 1)[0].rstrip().endswith("open")  # shown, not behind a click
    deleted = re.findall(r'class="[^"]*deletion[^"]*">(.*?)</(?:span|div)>', changes, re.S)
    added = re.findall(r'class="[^"]*addition[^"]*">(.*?)</(?:span|div)>', changes, re.S)
    assert any("5000 mg" in text for text in deleted), deleted
    assert any("Take 50 mg" in text for text in added), added
    assert "Last sign-off: Dr Daniel Okafor" in changes
    assert dialog.index("data-review-dialog-changes") < dialog.index("<form")  # before the decision


def test_edit_view_links_the_reviewer_to_the_changes(signed_then_changed, users):
    page = signed_then_changed
    html = get_ok(client_for(users["reviewer"]), reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = html.content.decode()
    assert "data-review-changes" in html
    assert reverse("editorial_review_changes", args=[page.pk]) in html
    notice = html[html.index("data-review-changes") :][:500]
    assert "Last signed off by Dr Daniel Okafor" in notice
    assert "changed since: Body." in notice


def test_reviewer_reads_history_and_compares_after_the_review(signed_then_changed, users):
    page = signed_then_changed
    reviewer = client_for(users["reviewer"])
    workflow_action(reviewer, page, "approve")
    page = latest_article(page)
    assert not page.workflow_in_progress
    revisions = list(page.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    for url in (
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0], revisions[-1]]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revisions[-1]]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("editorial_review_changes", args=[page.pk]),
    ):
        get_ok(reviewer, url)
    # The editor's own link now leads them to what changed instead of an error.
    response = get_ok(reviewer, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.redirect_chain[-1][0] == reverse("editorial_review_changes", args=[page.pk])


def test_a_reviewer_who_never_reviewed_it_is_refused(one_section_article, users):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    # Another medical reviewer's colleague who never had this page in a step of theirs.
    outsider = get_user_model().objects.create_user("outsider", "o@example.org", "pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(outsider)
    for url in (
        reverse("wagtailadmin_pages:history", args=[one_section_article.pk]),
        reverse("editorial_review_changes", args=[one_section_article.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[one_section_article.pk, "earliest", "latest"]),
    ):
        response = client.get(url, follow=True)
        assert DENIED in response.content.decode(), url


ADMIN_LINK = re.compile(r'href="(/admin/[^"#]*)"')
# Links that change something or leave the admin's reading screens: not walked.
SKIP = re.compile(r"/logout/|/unpublish/|/delete/|/lock/|/unlock/|/copy/|/move/|/workflow/action/")


def walk(client, start_urls, limit=80):
    """GET every admin link on the start pages (one level down); return the URLs visited."""
    seen = set()
    for start in start_urls:
        html = get_ok(client, start).content.decode()
        for url in ADMIN_LINK.findall(html):
            url = url.replace("&amp;", "&")
            if url in seen or SKIP.search(url) or len(seen) >= limit:
                continue
            seen.add(url)
            try:
                get_ok(client, url)
            except AssertionError as error:
                raise AssertionError(f"{url} (linked from {start}) is a dead end") from error
    return seen


def test_every_link_offered_to_each_role_works(signed_then_changed, users):
    page = signed_then_changed
    screens = {
        "reviewer": [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("editorial_review_changes", args=[page.pk]),
            reverse("editorial_review_queue"),
        ],
        "editor": [reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:history", args=[page.pk])],
        "publisher": [reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[page.pk])],
    }
    for role, starts in screens.items():
        visited = walk(client_for(users[role]), starts)
        assert visited, role
    # And after the sign-off, the reviewer's screens still hold no dead end.
    workflow_action(client_for(users["reviewer"]), page, "approve")
    walk(
        client_for(users["reviewer"]),
        [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("editorial_review_queue"),
        ],
    )
    assert PageLogEntry.objects.filter(page=page, action="editorial.signoff").count() == 2


def footer_of(client, page):
    html = get_ok(client, reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return html[html.index("<footer") : html.index("</footer>")].lower()


def test_reviewers_are_offered_their_decisions_only(signed_then_changed, users):
    page = signed_then_changed
    footer = footer_of(client_for(users["reviewer"]), page)
    assert "sign off" in footer and "request changes" in footer
    for offered in ("save draft", "cancel workflow", "delete"):
        assert offered not in footer, offered
    # Someone with edit rights (the page is locked to its reviewers, so an administrator) keeps them.
    footer = footer_of(client_for(users["admin"]), page)
    assert "save draft" in footer and "cancel workflow" in footer


def test_reviewers_reach_their_pages_from_the_menu(signed_then_changed, users):
    page = signed_then_changed
    reviewer = client_for(users["reviewer"])
    home = get_ok(reviewer, reverse("wagtailadmin_home")).content.decode()
    assert reverse("editorial_review_queue") in home
    queue = get_ok(reviewer, reverse("editorial_review_queue")).content.decode()
    waiting = queue[queue.index('data-queue="waiting"') : queue.index('data-queue="reviewed"')]
    assert page.title in waiting and reverse("wagtailadmin_pages:edit", args=[page.pk]) in waiting
    workflow_action(reviewer, page, "approve")
    queue = get_ok(reviewer, reverse("editorial_review_queue")).content.decode()
    reviewed = queue[queue.index('data-queue="reviewed"') :]
    assert page.title in reviewed and reverse("editorial_review_changes", args=[page.pk]) in reviewed
    # Editors have the Pages explorer: no second menu for them.
    home = get_ok(client_for(users["editor"]), reverse("wagtailadmin_home")).content.decode()
    assert reverse("editorial_review_queue") not in home


def test_reviewers_read_a_conditions_history_and_compare_it(condition, users):
    draft = type(condition).objects.get(pk=condition.pk)
    revisions = []
    for text in ("A cancer of the lungs.", "A cancer that starts in the lungs."):
        draft.description = text
        revisions.append(draft.save_revision(user=users["editor"]).pk)
    first, last = revisions
    reviewer = client_for(users["reviewer"])
    for name, args in (
        ("history", [condition.pk]),
        ("revisions_compare", [condition.pk, first, last]),
        ("revisions_view", [condition.pk, last]),
        ("workflow_history", [condition.pk]),
        ("usage", [condition.pk]),
        ("inspect", [condition.pk]),
        ("edit", [condition.pk]),
    ):
        get_ok(reviewer, reverse(f"wagtailsnippets_articles_condition:{name}", args=args))
    # Reading is all: a change is still refused.
    response = reviewer.post(reverse("wagtailsnippets_articles_condition:edit", args=[condition.pk]), {})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
