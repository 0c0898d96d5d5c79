"""Translatable snippets: the vocabulary articles are built from."""

import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class SlugMixin(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Stable identifier used in URLs and the API, e.g. 'radiation-therapy'."),
    )

    class Meta:
        abstract = True


class Condition(TranslatableMixin, SlugMixin, index.Indexed, models.Model):
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

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("icd10_code")]
    api_fields = [APIField("name"), APIField("slug"), APIField("description"), APIField("icd10_code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class TreatmentModality(TranslatableMixin, SlugMixin, index.Indexed, models.Model):
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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("synonyms"),
        FieldPanel("schema_type"),
        FieldPanel("description"),
    ]
    api_fields = [APIField("name"), APIField("slug"), APIField("schema_type"), APIField("synonym_list")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("synonyms"),
        index.AutocompleteField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
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


class MedicalCenter(TranslatableMixin, SlugMixin, index.Indexed, models.Model):
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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel([FieldPanel("city"), FieldPanel("country")], heading=_("Location")),
        FieldPanel("accreditation"),
        FieldPanel("website"),
        FieldPanel("modalities", widget=forms.CheckboxSelectMultiple),
    ]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("city"),
        APIField("country"),
        APIField("accreditation"),
        APIField("website"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("medical centre")
        verbose_name_plural = _("medical centres")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return f"{self.name} ({self.city})"


class Person(TranslatableMixin, SlugMixin, index.Indexed, models.Model):
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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    api_fields = [APIField("name"), APIField("slug"), APIField("credentials"), APIField("job_title")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
