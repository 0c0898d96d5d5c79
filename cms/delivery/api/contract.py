"""The delivery contract: exact shapes of what the APIs send, as pydantic models.

One source for both documents: /api/v2/openapi.json takes its component schemas from these
models (cms/delivery/api/openapi.py), and v3's OpenAPI types `body` with the same block union
(cms/delivery/api/v3_schema.py). The suite validates every v2 response against the document,
so a field added to the payload without its schema here fails the tests (extra="forbid").
"""

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- Body blocks: a union discriminated by `type` --------------------------------------------

SchemaType = Literal[
    "MedicalTherapy", "SurgicalProcedure", "RadiationTherapy", "DrugClass", "PhysicalTherapy"
]


class Modality(Strict):
    """A treatment modality of the vocabulary, as blocks and centres show it."""

    slug: str
    name: str
    schema_type: SchemaType


class CenterRef(Strict):
    """A partner centre inside a treatment block."""

    id: int
    slug: str
    name: str
    city: str
    country: str
    accreditation: str
    website: str


class SectionValue(Strict):
    heading: str
    body: str = Field(description="Display HTML.")


class TreatmentValue(Strict):
    modality: Modality | None = Field(description="null when the treatment matches no modality.")
    heading: str
    body: str = Field(description="Display HTML.")
    procedures: list[str]
    centers: list[CenterRef]


class CalloutValue(Strict):
    kind: Literal["info", "warning", "urgent"]
    title: str | None
    body: str = Field(description="Display HTML.")


class ReferenceItem(Strict):
    citation: str
    url: str | None


class ReferencesValue(Strict):
    heading: str
    items: list[ReferenceItem]


class SectionBlock(Strict):
    type: Literal["section"]
    value: SectionValue
    id: str


class TreatmentBlock(Strict):
    type: Literal["treatment"]
    value: TreatmentValue
    id: str


class CalloutBlock(Strict):
    type: Literal["callout"]
    value: CalloutValue
    id: str


class ReferencesBlock(Strict):
    type: Literal["references"]
    value: ReferencesValue
    id: str


BodyBlock = Annotated[
    SectionBlock | TreatmentBlock | CalloutBlock | ReferencesBlock,
    Field(discriminator="type"),
]
# Block type name in ArticleBodyBlock -> its schema (a test checks they match the StreamBlock).
BLOCK_SCHEMAS = {
    "section": SectionBlock,
    "treatment": TreatmentBlock,
    "callout": CalloutBlock,
    "references": ReferencesBlock,
}


# --- Relations -----------------------------------------------------------------------------


class ConditionRef(Strict):
    id: int
    slug: str
    name: str
    icd10_code: str


class PersonRef(Strict):
    id: int
    slug: str
    name: str
    credentials: str
    job_title: str


class Reviewer(Strict):
    name: str
    credentials: str


class MedicalReview(Strict):
    reviewed_by: Reviewer | None
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    status: Literal["current", "due_soon", "overdue"] | None


# --- Page fields ---------------------------------------------------------------------------

Direction = Literal["ltr", "rtl"]


class Provenance(Strict):
    """Where a translation's texts came from."""

    segments: int = Field(description="Texts to translate.")
    translated: int
    machine: int = Field(description="Texts a machine translated.")
    machine_unconfirmed: int = Field(description="Machine texts no person has confirmed yet.")
    imported: int = Field(description="Texts imported from a PO file (an agency).")
    human: int = Field(description="Texts a person wrote or edited in the editor.")


class Translation(Strict):
    locale: str
    id: int | None
    path: str | None
    url: str | None
    status: Literal["source", "up_to_date", "out_of_date", "in_progress", "machine_translated", "missing"]
    direction: Direction
    current: bool
    progress: int | None
    provenance: Provenance | None


class Breadcrumb(Strict):
    id: int
    title: str
    path: str


class SocialImage(Strict):
    url: str
    width: int
    height: int
    alt: str


class Seo(Strict):
    title: str
    description: str
    canonical_url: str
    image: SocialImage | None


class FocalPoint(Strict):
    x: float
    y: float


class ImageSource(Strict):
    type: str = Field(description="MIME type for <source type>, e.g. image/avif.")
    srcset: str


class ImageSrc(Strict):
    url: str
    width: int
    height: int


class Rendition(Strict):
    url: str
    width: int
    height: int
    format: str


class ResponsiveImage(Strict):
    alt: str
    width: int
    height: int
    focal_point: FocalPoint | None
    src: ImageSrc
    sources: list[ImageSource]
    renditions: list[Rendition]


class LdPerson(Strict):
    type_: Literal["Person"] = Field(alias="@type")
    name: str
    honorificSuffix: str = Field(default=None)
    jobTitle: str = Field(default=None)


class LdCode(Strict):
    type_: Literal["MedicalCode"] = Field(alias="@type")
    codeValue: str
    codingSystem: Literal["ICD-10"]


class LdTherapy(Strict):
    type_: Literal["MedicalTherapy", "RadiationTherapy", "PhysicalTherapy"] = Field(alias="@type")
    name: str


class LdMention(Strict):
    type_: Literal["SurgicalProcedure", "DrugClass"] = Field(alias="@type")
    name: str


class LdCondition(Strict):
    type_: Literal["MedicalCondition"] = Field(alias="@type")
    name: str
    description: str = Field(default=None)
    code: LdCode = Field(default=None)
    possibleTreatment: list[LdTherapy] = Field(default=None)


class JsonLd(Strict):
    """A schema.org MedicalWebPage, for <script type="application/ld+json">."""

    context: Literal["https://schema.org"] = Field(alias="@context")
    type_: Literal["MedicalWebPage"] = Field(alias="@type")
    name: str
    url: str
    inLanguage: str
    description: str = Field(default=None)
    datePublished: str = Field(default=None)
    dateModified: str = Field(default=None)
    lastReviewed: str = Field(default=None)
    reviewedBy: LdPerson = Field(default=None)
    author: list[LdPerson] = Field(default=None)
    about: LdCondition = Field(default=None)
    mentions: list[LdMention] = Field(default=None)


class PageLinkMeta(Strict):
    type: str
    detail_url: str
    html_url: str


class PageLink(Strict):
    id: int
    meta: PageLinkMeta
    title: str


class PageMeta(Strict):
    type: str = Field(description="e.g. articles.ArticlePage")
    detail_url: str = Field(description="This page in the API (WAGTAILAPI_BASE_URL).")
    html_url: str = Field(description="Wagtail's name for `url`: the reader URL.")
    slug: str
    show_in_menus: bool
    first_published_at: datetime.datetime | None
    alias_of: PageLink | None


class PageBase(Strict):
    id: int
    meta: PageMeta
    title: str
    locale: str = Field(description="The page's language, e.g. es.")
    direction: Direction
    path: str = Field(description="The reader path, e.g. /es/treatments/x/ (by-path takes it).")
    url: str = Field(description="The absolute reader URL (READER_SITE_URL + path).")
    last_published_at: datetime.datetime | None
    translations: list[Translation]
    translation_provenance: Provenance | None = Field(
        description="A translation's own texts by origin (see translations[].provenance); null for a source."
    )
    breadcrumbs: list[Breadcrumb]
    seo: Seo
    requested_locale: str | None = Field(description="The ?locale= of a listing, else null.")
    fallback: bool = Field(description="true when this item stands in for a missing translation.")


class HomePage(PageBase):
    intro: str


class ArticleIndexPage(PageBase):
    intro: str


class ArticlePage(PageBase):
    summary: str
    original_published_at: datetime.date | None
    condition: ConditionRef | None
    stage: str
    hero_image: ResponsiveImage | None
    authors: list[PersonRef]
    body: list[BodyBlock]
    reading_time_minutes: int
    medical_review: MedicalReview
    json_ld: JsonLd


PAGE_MODELS = {
    "home.HomePage": HomePage,
    "articles.ArticleIndexPage": ArticleIndexPage,
    "articles.ArticlePage": ArticlePage,
}


# --- Snippets ------------------------------------------------------------------------------


class SnippetMeta(Strict):
    type: str
    detail_url: str
    locale: str


class Condition(Strict):
    id: int
    meta: SnippetMeta
    name: str
    slug: str
    description: str
    icd10_code: str


class TreatmentModality(Strict):
    id: int
    meta: SnippetMeta
    name: str
    slug: str
    schema_type: SchemaType
    synonym_list: list[str]
    description: str


class MedicalCenter(Strict):
    id: int
    meta: SnippetMeta
    name: str
    slug: str
    city: str
    country: str
    accreditation: str
    website: str
    modalities: list[Modality]


SNIPPET_MODELS = {"conditions": Condition, "modalities": TreatmentModality, "centers": MedicalCenter}


# --- The change feed and errors --------------------------------------------------------------


class Change(Strict):
    cursor: str
    action: Literal["publish", "update", "unpublish", "move", "delete"]
    occurred_at: datetime.datetime
    kind: Literal["page", "snippet"]
    type: str
    id: int
    locale: str | None
    path: str | None = Field(description="Pages: the reader path (the last one, for tombstones).")
    previous_path: str | None = Field(description="Moves: where the page was.")
    url: str | None
    detail_url: str | None


class ChangeFeedMeta(Strict):
    next_cursor: str
    has_more: bool


class ChangeFeed(Strict):
    meta: ChangeFeedMeta
    items: list[Change]


class Problem(Strict):
    """RFC 9457 problem details; `message` repeats `detail` for older v2 clients."""

    type: str
    title: str
    status: int
    detail: str
    message: str
    path: str = Field(default=None)
    errors: list[dict] = Field(default=None)
