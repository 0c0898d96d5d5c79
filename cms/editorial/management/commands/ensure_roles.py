"""`manage.py ensure_roles`: the editorial groups, their permissions and the review workflow."""

from django.core.management import BaseCommand

from cms.editorial.roles import PAGE_PERMISSIONS, ensure_roles
from cms.editorial.workflow import WORKFLOW_NAME, ensure_workflow


class Command(BaseCommand):
    help = (
        "Create or repair the Editors, Medical reviewers and Publishers groups with their least "
        "permissions on every locale root, and assign the review workflow to every locale root. "
        "Idempotent: run it again after adding a locale."
    )

    def handle(self, *args, **options):
        groups = ensure_roles()
        workflow, others = ensure_workflow(groups)
        for name, group in groups.items():
            pages = ", ".join(code.removesuffix("_page") for code in PAGE_PERMISSIONS[name]) or "none"
            self.stdout.write(f"  {name}: {group.permissions.count()} model permissions; pages: {pages}")
        roots = workflow.workflow_pages.count()
        self.stdout.write(f"  workflow “{WORKFLOW_NAME}” on {roots} locale root(s)")
        for page in others:
            self.stderr.write(
                self.style.WARNING(f"  {page.title} (page {page.pk}) keeps another workflow: left as is")
            )
        self.stdout.write(self.style.SUCCESS("Editorial roles and workflow are up to date."))
