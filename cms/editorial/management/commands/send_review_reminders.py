"""`manage.py send_review_reminders`: email reviewers whose articles are due for review."""

from django.core.management import BaseCommand, CommandError
from wagtail.models import Locale

from cms.editorial.services import review_due_articles, review_reminders_plan, send_review_reminders

STATUS_CHOICES = {"all": ("due_soon", "overdue"), "due_soon": ("due_soon",), "overdue": ("overdue",)}


class Command(BaseCommand):
    help = (
        "Email the medical reviewer of each live article whose review is due soon or overdue "
        "(one email per reviewer, to the CMS account linked to their Person). Run it daily from "
        "cron or the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--status",
            choices=sorted(STATUS_CHOICES),
            default="all",
            help="Which articles: due_soon, overdue, or all of them (default).",
        )
        parser.add_argument("--locale", help="Only articles in this language code, e.g. 'en'.")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")

    def handle(self, *args, **options):
        locale = None
        if options["locale"]:
            locale = Locale.objects.filter(language_code=options["locale"]).first()
            if locale is None:
                known = ", ".join(Locale.objects.values_list("language_code", flat=True))
                raise CommandError(f"Unknown locale {options['locale']!r}: expected one of {known}.")
        articles = list(review_due_articles(STATUS_CHOICES[options["status"]], locale=locale))
        plan, unreachable = review_reminders_plan(articles)
        for email, (_user, due) in plan.items():
            titles = "; ".join(f"{a.title} (due {a.next_review_due:%Y-%m-%d})" for a in due)
            verb = "would email" if options["dry_run"] else "emailing"
            self.stdout.write(f"  {verb} {email}: {titles}")
        for article in unreachable:
            who = article.medical_reviewer.name if article.medical_reviewer else "no reviewer"
            self.stderr.write(
                self.style.WARNING(
                    f"  nobody to email for “{article.title}” (page {article.pk}, {who}): "
                    "link the reviewer's Person to a CMS user with an email address"
                )
            )
        sent = 0 if options["dry_run"] else send_review_reminders(plan)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(articles)} article(s) due; {sent} email(s) sent; "
                f"{len(unreachable)} without a reviewer to email."
            )
        )
