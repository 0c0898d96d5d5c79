"""HomePage: the root of each locale's tree."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.articles.forms import RevisionCheckedPageForm


class HomePage(Page):
    """The start of one language's site; article sections live under it."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome shown at the top of the site."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = RevisionCheckedPageForm
    api_fields = [APIField("intro", writable=True)]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
