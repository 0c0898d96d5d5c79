"""Import PO files from a translation agency: a file, a folder or a zip."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cms.localization.exchange import import_translations


class Command(BaseCommand):
    help = (
        "Read PO files written by export_translations back in. Each valid file is saved as a draft "
        "translation (it goes live after review); a malformed file, a file for another language or "
        "one made from an older version of the source changes nothing. Exits 1 if any file was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .po file, a folder of them, or a .zip")
        parser.add_argument("--locale", help="Only accept files for this language code")
        parser.add_argument("--user", help="Username recorded as the translator (must be able to edit)")

    def handle(self, *args, path, locale=None, user=None, **options):
        if not Path(path).exists():
            raise CommandError(f"No such file or folder: {path}")
        target = None
        if locale:
            target = Locale.objects.filter(language_code=locale).first()
            if target is None:
                raise CommandError(f"Unknown locale {locale!r}.")
        translator = None
        if user:
            translator = get_user_model().objects.filter(username=user).first()
            if translator is None:
                raise CommandError(f"Unknown user {user!r}.")
        results = import_translations(path, locale=target, user=translator)
        if not results:
            raise CommandError(f"No PO files found in {path}.")
        for result in results:
            if result.ok:
                self.stdout.write(
                    f"OK        {result.name}: {result.imported} translation(s) saved as a draft"
                )
            else:
                self.stdout.write(self.style.ERROR(f"REJECTED  {result.name}"))
                for error in result.errors:
                    self.stdout.write(f"          - {error}")
        rejected = [r for r in results if not r.ok]
        summary = f"{len(results) - len(rejected)} file(s) imported, {len(rejected)} rejected."
        if rejected:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
