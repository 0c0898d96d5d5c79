"""Translatable snippets: the vocabulary articles are built from.

Patients see these inside every article, so they are edited like pages: drafts, revisions,
locking, preview and workflows. The row holds the live version; a change goes live only when
its revision is published (through the workflow).
"""

import re

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.api import APIField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..forms import RevisionCheckedSnippetForm

# The slug is filled in from the name as editors type it (until the entry is live), as for pages.
NAME_AND_SLUG = [
    TitleFieldPanel("name", classname="", placeholder=False),
    FieldPanel("slug", widget=SlugInput),
]


class SlugMixin(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Stable identifier used in URLs and the API, e.g. 'radiation-therapy'."),
    )

    class Meta:
        abstract = True


class ReviewedSnippet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    SlugMixin,
    index.Indexed,
    models.Model,
):
    """A vocabulary snippet whose changes go live only through review."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    # Fields shown in the admin preview, as patients see them.
    preview_fields = ("name",)
    # The slug is the same in every language: the API and filters identify an entry by it.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    base_form_class = RevisionCheckedSnippetForm

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_workflow(self):
        """A translation is reviewed like the pages of its language: by its tree's workflow.

        The source language uses the workflow assigned to the snippet type (Settings >
        Workflows), falling back to the workflow of the source language's tree.
        """
        root = Page.objects.filter(depth=2, locale_id=self.locale_id).first()
        if self.locale_id == Locale.get_default().pk:
            workflow = super().get_workflow()
            if workflow is not None:
                return workflow
        return root.get_workflow() if root is not None else None

    def get_preview_template(self, request, mode_name):
        return "articles/snippet_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        try:
            bidi = translation.get_language_info(language)["bidi"]
        except KeyError:
            bidi = False
        context["language"], context["direction"] = language, "rtl" if bidi else "ltr"
        context["verbose_name"] = self._meta.verbose_name
        context["rows"] = [
            (self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.preview_fields
        ]
        return context


class Condition(ReviewedSnippet):
    """A medical condition an article is about, e.g. 'Lung cancer'."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two plain sentences for patients.")
    )
    icd10_code = models.CharField(
        _("ICD-10 code"),
        max_length=20,
        blank=True,
        help_text=_("Optional classification code, e.g. 'C34' for lung cancer."),
    )

    preview_fields = ("name", "description", "icd10_code")
    panels = [*NAME_AND_SLUG, FieldPanel("description"), FieldPanel("icd10_code")]
    api_fields = [
        APIField("name", writable=True),
        APIField("slug", writable=True),
        APIField("description", writable=True),
        APIField("icd10_code", writable=True),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("live")]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class TreatmentModality(ReviewedSnippet):
    """A kind of treatment (surgery, chemotherapy, ...), with the words editors use for it."""

    SCHEMA_TYPES = [
        ("MedicalTherapy", _("Medical therapy")),
        ("SurgicalProcedure", _("Surgical procedure")),
        ("RadiationTherapy", _("Radiation therapy")),
        ("DrugClass", _("Drug therapy")),
        ("PhysicalTherapy", _("Physical therapy")),
    ]

    name = models.CharField(_("name"), max_length=200)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_(
            "Other names for this treatment, one per line (e.g. 'radiotherapy'). "
            "The importer matches headings against the name and these synonyms, ignoring case."
        ),
    )
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=40,
        choices=SCHEMA_TYPES,
        default="MedicalTherapy",
        help_text=_("How search engines classify this treatment in structured data."),
    )
    description = models.TextField(_("description"), blank=True)

    preview_fields = ("name", "schema_type", "description")
    panels = [
        *NAME_AND_SLUG,
        FieldPanel("synonyms"),
        FieldPanel("schema_type"),
        FieldPanel("description"),
    ]
    api_fields = [
        APIField("name", writable=True),
        APIField("slug", writable=True),
        APIField("schema_type", writable=True),
        APIField("synonym_list"),
        APIField("synonyms", writable=True),
        APIField("description", writable=True),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("synonyms"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("treatment modality")
        verbose_name_plural = _("treatment modalities")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    @property
    def synonym_list(self):
        return [line.strip() for line in re.split(r"[\n,;]", self.synonyms) if line.strip()]

    def names(self):
        """Every name this modality answers to, lower-cased: its name, slug and synonyms."""
        return {n.casefold() for n in [self.name, self.slug.replace("-", " "), *self.synonym_list]}


class MedicalCenter(ReviewedSnippet):
    """A partner hospital or clinic that offers treatments."""

    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    accreditation = models.CharField(
        _("accreditation"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'JCI accredited'. Shown to patients; keep it factual."),
    )
    website = models.URLField(_("website"), blank=True)
    modalities = models.ManyToManyField(
        TreatmentModality,
        verbose_name=_("treatments offered"),
        blank=True,
        related_name="centers",
        help_text=_("The treatments this centre offers."),
    )

    preview_fields = ("name", "city", "country", "accreditation", "website")
    panels = [
        *NAME_AND_SLUG,
        MultiFieldPanel([FieldPanel("city"), FieldPanel("country")], heading=_("Location")),
        FieldPanel("accreditation"),
        FieldPanel("website"),
        FieldPanel("modalities", widget=forms.CheckboxSelectMultiple),
    ]
    api_fields = [
        APIField("name", writable=True),
        APIField("slug", writable=True),
        APIField("city", writable=True),
        APIField("country", writable=True),
        APIField("accreditation", writable=True),
        APIField("website", writable=True),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("medical centre")
        verbose_name_plural = _("medical centres")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return f"{self.name} ({self.city})"


class Person(ReviewedSnippet):
    """An author or medical reviewer, with the credentials patients see."""

    name = models.CharField(_("name"), max_length=200)
    credentials = models.CharField(
        _("credentials"),
        max_length=200,
        blank=True,
        help_text=_("Degrees and titles shown after the name, e.g. 'MD, FRCP'."),
    )
    job_title = models.CharField(
        _("job title"), max_length=200, blank=True, help_text=_("E.g. 'Consultant oncologist'.")
    )
    bio = models.TextField(_("short biography"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("CMS user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The CMS account of this person, if they sign articles off in the CMS."),
    )

    preview_fields = ("name", "credentials", "job_title", "bio")
    panels = [
        *NAME_AND_SLUG,
        FieldPanel("credentials"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    api_fields = [
        APIField("name", writable=True),
        APIField("slug", writable=True),
        APIField("credentials", writable=True),
        APIField("job_title", writable=True),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("live")]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
