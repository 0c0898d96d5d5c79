"""`manage.py load_demo_content`: the seed article, its vocabulary, and one user per role."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from cms.demo.services import demo_load
from cms.settings.env import env_str


class Command(BaseCommand):
    help = "Load the demo site (idempotent). Demo passwords come from DEMO_PASSWORD or are generated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Allow creating demo users while DEBUG is off (never on a real site).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo users with DEBUG off. Pass --allow-production if this "
                "really is a throwaway installation."
            )
        result = demo_load(password=env_str("DEMO_PASSWORD") or None)
        for line in result.created:
            self.stdout.write(f"  created {line}")
        if not result.created:
            self.stdout.write("  demo content already up to date")
        self.stdout.write("Updating the search index...")
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        article = result.article
        self.stdout.write(self.style.SUCCESS(f"Demo article: {article.title} (page {article.pk})"))
        self.stdout.write(f"Demo logins (password for all: {result.password}):")
        for username, role in result.users:
            self.stdout.write(f"  {username:<12} {role}")
