"""StreamField blocks of an article body: what editors pick and what the API returns."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "superscript"]


def modality_representation(modality):
    """{"slug": "surgery", "name": "Surgery", "schema_type": "SurgicalProcedure"} or None.

    Only the live (reviewed and published) version of the vocabulary reaches readers."""
    if modality is None or not modality.live:
        return None
    return {"slug": modality.slug, "name": modality.name, "schema_type": modality.schema_type}


def center_representation(center):
    """A partner centre as the API shows it inside a treatment block."""
    return {
        "id": center.pk,
        "slug": center.slug,
        "name": center.name,
        "city": center.city,
        "country": center.country,
        "accreditation": center.accreditation,
        "website": center.website,
    }


class SectionBlock(blocks.StructBlock):
    """An explanatory section: a heading and its text."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Section")
        help_text = _("A heading and its explanatory text.")
        preview_value = {
            "heading": "Understanding stage 4 lung cancer",
            "body": "<p>Stage 4 lung cancer has spread beyond the lungs.</p>",
        }


class TreatmentBlock(blocks.StructBlock):
    """One treatment option, tied to a modality and the partner centres that offer it.

    API: {"modality": {"slug": "surgery", "name": "Surgery", ...} | null,
          "heading": "Surgery", "body": "<p>...</p>",
          "procedures": ["Lobectomy"], "centers": [{"id": 1, "name": ...}]}
    """

    modality = SnippetChooserBlock(
        "articles.TreatmentModality",
        required=False,
        label=_("Treatment modality"),
        help_text=_("The kind of treatment. Leave empty only if none of the vocabulary fits."),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the modality's name."),
    )
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    procedures = blocks.ListBlock(
        blocks.CharBlock(label=_("Procedure")),
        label=_("Procedures"),
        default=[],
        help_text=_("Named procedures within this treatment, e.g. 'Lobectomy'."),
    )
    centers = blocks.ListBlock(
        SnippetChooserBlock("articles.MedicalCenter", label=_("Medical centre")),
        label=_("Partner centres"),
        default=[],
        help_text=_("Partner centres that offer this treatment."),
    )

    class Meta:
        icon = "pick"
        label = _("Treatment option")
        help_text = _("One treatment option with its modality and the partner centres offering it.")
        preview_value = {
            "heading": "Surgery",
            "body": "<p>Surgery may remove the tumour and nearby lymph nodes.</p>",
            "procedures": ["Lobectomy"],
        }

    def clean(self, value):
        """An empty heading takes the modality's name, so it is saved (and translated) like any other."""
        value = super().clean(value)
        if not (value.get("heading") or "").strip():
            modality = value.get("modality")
            if modality is None:
                raise StructBlockValidationError(
                    block_errors={
                        "heading": ValidationError(
                            _("Give a heading, or choose a treatment modality to use its name.")
                        )
                    }
                )
            value["heading"] = modality.name
        return value

    def get_api_representation(self, value, context=None):
        body_block = self.child_blocks["body"]
        modality = value.get("modality")
        return {
            "modality": modality_representation(modality),
            "heading": value.get("heading") or (modality.name if modality is not None else ""),
            "body": body_block.get_api_representation(value.get("body"), context=context),
            "procedures": list(value.get("procedures") or []),
            "centers": [
                center_representation(c) for c in value.get("centers") or [] if c is not None and c.live
            ],
        }


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a warning, or when to seek urgent care."""

    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("urgent", _("Seek urgent care"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        help_text = _("A highlighted box for important advice.")
        preview_value = {"kind": "info", "title": "Talk to your doctor", "body": "<p>Ask about options.</p>"}


class ReferenceItemBlock(blocks.StructBlock):
    """One cited source."""

    citation = blocks.CharBlock(
        label=_("Citation"), help_text=_("Authors, title, publication and year."), max_length=500
    )
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "link"
        label = _("Reference")


class ReferencesBlock(blocks.StructBlock):
    """The sources the article relies on."""

    heading = blocks.CharBlock(label=_("Heading"), default="References", max_length=200)
    items = blocks.ListBlock(ReferenceItemBlock(), label=_("References"))

    class Meta:
        icon = "list-ol"
        label = _("References")
        help_text = _("Sources cited by the article, in order.")
        preview_value = {"heading": "References", "items": [{"citation": "NICE guideline NG122 (2019)."}]}


class ArticleBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    treatment = TreatmentBlock()
    callout = CalloutBlock()
    references = ReferencesBlock()
