"""manage.py import_article PATH [--locale en] [--publish] [--parent SLUG]"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from cms.articles.services import ArticleImportError, article_import


def _count(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Import an article from a .txt (the seed's layout), .md, .html or Word .docx file. "
        "Re-importing the same title updates the page with a new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The article file: .txt, .md or .html (UTF-8), or .docx.")
        parser.add_argument(
            "--locale", default=settings.LANGUAGE_CODE, help="Language code of the article's locale."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish at once (default: save a draft revision)."
        )
        parser.add_argument(
            "--parent",
            metavar="SLUG",
            help="Slug of the article index to import under (default: the locale's first one).",
        )

    def handle(self, *args, path, locale, publish, parent, **options):
        try:
            result = article_import(path, locale=locale, parent=parent, publish=publish)
        except ArticleImportError as error:
            raise CommandError(str(error)) from error
        page = result.page
        blocks = list(page.body)
        treatments = [block for block in blocks if block.block_type == "treatment"]
        sections = [block for block in blocks if block.block_type == "section"]
        if result.parent_created:
            self.stdout.write(f'Created article index "{result.parent.title}" ({result.parent.url_path}).')
        self.stdout.write(
            f'{"Created" if result.created else "Updated"} article {page.pk} "{page.title}" '
            f'({page.locale.language_code}, under "{result.parent.title}"): '
            f"{_count(sections, 'section')}, {_count(treatments, 'treatment')}."
        )
        for block in treatments:
            modality = block.value["modality"]
            self.stdout.write(f"  {block.value['heading']} -> {modality.slug if modality else 'no modality'}")
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"WARNING: {warning}"))
        if result.published:
            self.stdout.write(self.style.SUCCESS(f"Published (revision {result.revision.pk}, live)."))
        else:
            # Editors cannot publish an article (it needs a clinical sign-off): their next step is review.
            edit_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
            self.stdout.write(
                f"Saved as draft (revision {result.revision.pk}, not live). "
                f"Next: open {edit_url} and submit it for review."
            )
