"""Build the API snapshot of every live page that has none (or only one past its day)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.delivery.cache.snapshots import snapshots_build_missing


class Command(BaseCommand):
    help = "Build missing or expired API snapshots of live pages (run after midnight and deploys)."

    def handle(self, *args, **options):
        count = snapshots_build_missing()
        if options["verbosity"]:
            self.stdout.write(_("%(count)d snapshots built.") % {"count": count})
