"""The soak's review cycles: an editor, a publisher and a medical reviewer driving the real
workflow through the admin's HTML forms, as people would, while the faults happen.

Each cycle works on its own one-section article: the editor edits the section's text (marked
IN-REVIEW-<id>) and submits it to the workflow from the edit form; the publisher approves the
editorial step and the reviewer signs the medical step off, each with the edit screen's workflow
action; the sign-off publishes that revision (one webhook). Every step is chosen from what the
screens offer (the state lives in the database, not here), so an answer lost to a fault is
simply read again. Each acknowledged step (a redirect that is not to the login page) is kept
for the check that it is in the database.
"""

import json
import re
import time
import uuid

import requests
from bs4 import BeautifulSoup

REVIEW_MARK = "IN-REVIEW-"
MARK_PATTERN = re.compile(REVIEW_MARK + "[0-9a-f]{12}")
ACTION_PATTERN = re.compile(r"/workflow/collect_action_data/(\d+)/approve/(\d+)/")


def edit_form_data(html, text):
    """The page edit form's fields as a browser would post them, with the first section's text
    replaced by `text`. The StreamField is built from the block values the editor's script
    reads (data-w-block-arguments-value): the soak articles hold flat section blocks only."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id="page-edit-form")
    data = {}
    for field in form.find_all("input"):
        name, kind = field.get("name"), field.get("type", "text")
        if not name or "__prefix__" in name or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        data[name] = field.get("value", "on" if kind == "checkbox" else "")
    for area in form.find_all("textarea"):
        if area.get("name") and "__prefix__" not in area["name"]:
            data[area["name"]] = area.get_text()
    for select in form.find_all("select"):
        if select.get("name") and "__prefix__" not in select["name"]:
            option = select.find("option", selected=True) or select.find("option")
            data[select["name"]] = option.get("value", option.get_text()) if option else ""
    blocks, _errors = json.loads(soup.find(id="body")["data-w-block-arguments-value"])
    data["body-count"] = str(len(blocks))
    for index, block in enumerate(blocks):
        prefix = f"body-{index}"
        data.update({f"{prefix}-type": block["type"], f"{prefix}-id": block["id"] or ""})
        data.update({f"{prefix}-deleted": "", f"{prefix}-order": str(index)})
        value = dict(block["value"])
        if index == 0:
            state = json.loads(value["body"])  # Draftail's content state
            first = {**state["blocks"][0], "text": text, "inlineStyleRanges": [], "entityRanges": []}
            state["blocks"] = [first]
            value["body"] = json.dumps(state)
        for key, child in value.items():
            data[f"{prefix}-value-{key}"] = child
    return data


class AdminSession:
    """One person logged in to the admin (a requests session with its CSRF token)."""

    def __init__(self, load, username, password):
        self.load, self.username, self.password = load, username, password
        self.session = requests.Session()

    def _login(self):
        page = self.load.call(self.session, "workflow", "GET", "/admin/login/")
        if page is None or page.status_code != 200:
            return False
        answer = self.load.call(
            self.session,
            "workflow",
            "POST",
            "/admin/login/",
            data={
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": csrf_token(page.text),
                "next": "/admin/",
            },
            allow_redirects=False,
        )
        return answer is not None and answer.status_code == 302

    def edit_page(self, page_id):
        """The page's edit screen (HTML), logging in first when the session is gone; None on errors."""
        for _attempt in range(2):
            answer = self.load.call(self.session, "workflow", "GET", f"/admin/pages/{page_id}/edit/")
            if answer is None or answer.status_code != 200:
                return None
            if "/admin/login/" not in answer.url:
                return answer.text
            if not self._login():
                return None
        return None

    def post(self, path, html, data):
        """POST a form read from `html`; True when the answer confirms it (a redirect on)."""
        data = {**data, "csrfmiddlewaretoken": csrf_token(html)}
        answer = self.load.call(self.session, "workflow", "POST", path, data=data, allow_redirects=False)
        return (
            answer is not None
            and answer.status_code == 302
            and "/admin/login/" not in answer.headers.get("Location", "")
        )


def draft_mark(html):
    """The mark in the body the edit form holds (not in the history or comparisons around it)."""
    body = BeautifulSoup(html, "html.parser").find(id="body")
    mark = MARK_PATTERN.search(body.get("data-w-block-arguments-value", "")) if body else None
    return mark.group(0) if mark else ""


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class ReviewCycle:
    """Drives one article round the workflow again and again until the load stops."""

    def __init__(self, load, page_id, password):
        self.load, self.page = load, page_id
        self.editor = AdminSession(load, "editor", password)
        self.publisher = AdminSession(load, "publisher", password)
        self.reviewer = AdminSession(load, "reviewer", password)
        # Acknowledged steps: (time, page, mark) submits; (time, task state) approvals;
        # (time, task state, mark) sign-offs.
        self.submitted, self.approved, self.signed = [], [], []
        self.errors = []  # a screen the cycle could not read: the check fails on it

    def run(self):
        while not self.load.stop.is_set():
            try:
                self.step()
            except Exception as error:  # a changed screen, say: reported, not a silent thread death
                self.errors.append(repr(error))
            time.sleep(0.5)

    def step(self):
        # The step someone can take now: the reviewer's, else the publisher's, else the editor's.
        for person, done in ((self.reviewer, self.signed), (self.publisher, self.approved)):
            html = person.edit_page(self.page)
            if html is None:
                return  # an error: look again on the next round
            action = ACTION_PATTERN.search(html)
            if action:
                task_state = int(action.group(2))
                path = f"/admin/pages/workflow/action/{self.page}/approve/{task_state}/"
                if person.post(path, html, {"comment": ""}):
                    entry = (time.monotonic(), task_state)
                    done.append((*entry, draft_mark(html)) if done is self.signed else entry)
                return
        html = self.editor.edit_page(self.page)
        if html is None or 'name="action-submit"' not in html:
            return
        mark = f"{REVIEW_MARK}{uuid.uuid4().hex[:12]}"
        data = {**edit_form_data(html, f"Reviewed text {mark}."), "action-submit": "1"}
        if self.editor.post(f"/admin/pages/{self.page}/edit/", html, data):
            self.submitted.append((time.monotonic(), self.page, mark))


# Run once through `manage.py shell` (after ARGS is replaced): what the database holds of the cycles.
VERIFY_CODE = """
import json, re
from wagtail.models import PageLogEntry, Revision, TaskState
from cms.editorial.models import ClinicalSignOff
pages, since = ARGS
mark = re.compile("IN-REVIEW-[0-9a-f]{12}")
revisions = {r.pk: sorted(set(mark.findall(json.dumps(r.content))))
             for r in Revision.page_revisions.filter(object_id__in=[str(p) for p in pages])}
task_states = {ts.pk: {"status": ts.status, "revision": ts.revision_id}
               for ts in TaskState.objects.filter(workflow_state__object_id__in=[str(p) for p in pages])}
signoffs = {s.task_state_id: s.revision_id for s in ClinicalSignOff.objects.filter(page_id__in=pages)}
published = list(PageLogEntry.objects.filter(page_id__in=pages, action="wagtail.publish",
                 timestamp__gte=since).values_list("revision_id", flat=True))
print(json.dumps({"revisions": revisions, "task_states": task_states, "signoffs": signoffs,
                  "published": published}))
"""


def cycles_failures(cycles):
    """What keeps the review cycles from proving anything: errors, or not one sign-off."""
    failures = [f"review cycle on page {c.page}: {error}" for c in cycles for error in c.errors[:3]]
    if not any(c.signed for c in cycles):
        failures.append("no review cycle got as far as a sign-off")
    return failures


def cycles_lost(cycles, verdict):
    """The acknowledged steps the database does not hold: [(time, description)]."""
    revisions = {int(pk): marks for pk, marks in verdict["revisions"].items()}
    states = {int(pk): state for pk, state in verdict["task_states"].items()}
    signoffs = {int(pk): revision for pk, revision in verdict["signoffs"].items() if pk != "null"}
    published = set(verdict["published"])
    started = {mark for state in states.values() for mark in revisions.get(state["revision"], [])}
    lost = []
    for cycle in cycles:
        lost += [(t, f"submit {mark}") for t, _page, mark in cycle.submitted if mark not in started]
        for t, task_state in cycle.approved:
            if states.get(task_state, {}).get("status") != "approved":
                lost.append((t, f"approval of task state {task_state}"))
        for t, task_state, mark in cycle.signed:
            revision = signoffs.get(task_state)
            if states.get(task_state, {}).get("status") != "approved" or revision is None:
                lost.append((t, f"sign-off of task state {task_state}"))
            elif revision not in published or mark not in revisions.get(revision, []):
                lost.append((t, f"publish of the revision signed off in task state {task_state}"))
    return lost
