"""Set up every configured language: locale, translated HomePage, language roles and review workflow."""

from django.core.management.base import BaseCommand

from cms.localization.locales import ensure_locales


class Command(BaseCommand):
    help = (
        "Create the locales of CMS_LANGUAGES, each language's HomePage (a draft translation of the "
        "English one), its Translators and Translation reviewers groups and its review workflow. "
        "Idempotent."
    )

    def handle(self, *args, **options):
        for setup in ensure_locales():
            if setup.workflow is None:
                self.stdout.write(f"{setup.locale.language_code}: source language, home page {setup.home.pk}")
                continue
            self.stdout.write(
                f"{setup.locale.language_code}: home page {setup.home.pk} "
                f"({'live' if setup.home.live else 'draft'}), groups “{setup.translators}” and "
                f"“{setup.reviewers}”, workflow “{setup.workflow}”"
            )
