"""Export the article translations of one language as PO files, for a translation agency."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cms.localization.exchange import export_translations


class Command(BaseCommand):
    help = (
        "Write one PO file per article translated into --locale to OUT (a folder, or a zip when OUT "
        "ends in .zip). Articles are submitted for translation in the admin first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, help="Language code, e.g. es")
        parser.add_argument("out", help="Folder or .zip file to write")

    def handle(self, *args, out, locale, **options):
        target = Locale.objects.filter(language_code=locale).first()
        if target is None:
            raise CommandError(
                f"Unknown locale {locale!r}: run `manage.py ensure_locales` or check CMS_LANGUAGES."
            )
        if target == Locale.get_default():
            raise CommandError(f"{locale!r} is the source language: there is nothing to translate into it.")
        written = export_translations(target, out)
        for name in written:
            self.stdout.write(name)
        self.stdout.write(self.style.SUCCESS(f"{len(written)} file(s) written for {locale}."))
