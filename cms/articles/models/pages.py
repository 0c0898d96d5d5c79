"""Page types: article listings and articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ArticleBodyBlock
from ..serializers import AuthorsSerializer, ConditionSerializer, PersonSerializer


class ArticleIndexPage(Page):
    """A section that lists articles, e.g. 'Treatments'."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
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
    medical_reviewer = models.ForeignKey(
        "articles.Person",
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        help_text=_("The clinician who last reviewed this article."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("When the medical content must be checked again."),
    )

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
            [FieldPanel("medical_reviewer"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Medical review"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("condition_id"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("original_published_at"),
        APIField("condition", serializer=ConditionSerializer()),
        APIField("stage"),
        # {"url", "full_url", "width", "height", "alt"} of a 1200x630 crop, or null.
        APIField("hero_image", serializer=ImageRenditionField("fill-1200x630")),
        APIField("authors", serializer=AuthorsSerializer()),
        APIField("body"),
        APIField("medical_reviewer", serializer=PersonSerializer()),
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

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
