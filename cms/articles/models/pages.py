"""Page types: article listings and articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ArticleBodyBlock
from ..forms import RevisionCheckedPageForm


class ArticleIndexPage(Page):
    """A section that lists articles, e.g. 'Treatments'."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = RevisionCheckedPageForm
    api_fields = [APIField("intro", writable=True)]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("article index")
        verbose_name_plural = _("article indexes")


class ArticlePage(Page):
    """A patient-facing medical article with treatment sections and review metadata."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    original_published_at = models.DateField(
        _("originally published"),
        null=True,
        blank=True,
        help_text=_("When this article was first published, here or elsewhere."),
    )
    condition = models.ForeignKey(
        "articles.Condition",
        verbose_name=_("condition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("The condition this article is about."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the article and in link previews. Give the image a description for alt text."
        ),
    )
    stage = models.CharField(
        _("stage"),
        max_length=50,
        blank=True,
        help_text=_("Optional disease stage the article covers, e.g. 'Stage 4'."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    # Review metadata: written by the clinical sign-off only (cms/editorial), never by hand.
    medical_reviewer = models.ForeignKey(
        "articles.Person",
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        help_text=_("The clinician who signed this version off."),
    )
    medical_reviewer_name = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The reviewer's name as recorded in the sign-off."),
    )
    medical_reviewer_credentials = models.CharField(
        _("reviewer's credentials"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The reviewer's credentials as recorded in the sign-off."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the medical content must be checked again."),
    )

    base_form_class = RevisionCheckedPageForm
    REVIEW_FIELDS = (
        "medical_reviewer",
        "medical_reviewer_name",
        "medical_reviewer_credentials",
        "last_reviewed",
        "next_review_due",
    )
    # A copy or a translation has not been signed off: it starts with no review of its own.
    exclude_fields_in_copy = list(REVIEW_FIELDS)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("condition"), FieldPanel("stage"), FieldPanel("original_published_at")],
            heading=_("About this article"),
        ),
        FieldPanel("hero_image"),
        InlinePanel("authors", label=_("Authors"), heading=_("Authors")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("medical_reviewer_name", read_only=True),
                FieldPanel("medical_reviewer_credentials", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading=_("Medical review"),
            help_text=_(
                "Recorded by the clinical sign-off in the review workflow; nobody edits these by hand."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("condition_id"),
        index.FilterField("locale_id"),
    ]
    # What the APIs read and what v3 may write (the admin form's rules apply to writes).
    # The review fields are read-only: only a sign-off sets them.
    api_fields = [
        APIField("summary", writable=True),
        APIField("original_published_at", writable=True),
        APIField("condition", writable=True),
        APIField("stage", writable=True),
        APIField("hero_image", writable=True),
        APIField("authors", writable=True),
        APIField("body", writable=True),
        APIField("medical_reviewer"),
        APIField("medical_reviewer_name"),
        APIField("medical_reviewer_credentials"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def treatment_blocks(self):
        return [block for block in self.body if block.block_type == "treatment"]


class ArticlePageAuthor(Orderable):
    """An author credited on an article, in order."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "articles.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]
    api_fields = [APIField("person", writable=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
