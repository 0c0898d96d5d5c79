"""Dashboard panel: how many articles are current, due for review soon, overdue or unscheduled."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from cms.articles.models import ArticlePage

from .services import review_due_soon_days, review_status_counts


class ReviewDuePanel(Component):
    name = "medical_review_due"
    template_name = "editorial/review_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = review_status_counts(ArticlePage.objects.live())
        report = reverse("editorial_review_due")
        context["rows"] = [
            (key, counts[key], f"{report}?review_status={key}")
            for key in ("overdue", "due_soon", "current", "unscheduled")
        ]
        context["due_soon_days"] = review_due_soon_days()
        return context
