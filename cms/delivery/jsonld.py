"""schema.org structured data for articles: a MedicalWebPage search engines understand.

Example (trimmed):

{"@context": "https://schema.org", "@type": "MedicalWebPage",
 "name": "Treatment for stage 4 lung cancer", "url": "https://example.org/en/treatments/x/",
 "inLanguage": "en", "datePublished": "2023-10-29", "dateModified": "2026-01-02T10:00:00+00:00",
 "lastReviewed": "2026-01-01",
 "reviewedBy": {"@type": "Person", "name": "Dr Daniel Okafor", "honorificSuffix": "MD, FRCP"},
 "about": {"@type": "MedicalCondition", "name": "Lung cancer",
           "code": {"@type": "MedicalCode", "codeValue": "C34", "codingSystem": "ICD-10"},
           "possibleTreatment": [{"@type": "SurgicalProcedure", "name": "Surgery"}, ...]}}
"""

from django.conf import settings

from cms.localization.services import page_locale_path

SCHEMA_CONTEXT = "https://schema.org"


def reader_url(page):
    """The absolute URL of a page on the reader site, e.g. https://example.org/es/treatments/x/."""
    base = getattr(settings, "READER_SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + page_locale_path(page.url_path, page.locale.language_code)


def person_json_ld(person):
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.job_title:
        data["jobTitle"] = person.job_title
    return data


def treatments_json_ld(page):
    """One entry per modality of the article's treatment sections, typed by the modality's schema_type."""
    seen, treatments = set(), []
    for block in page.treatment_blocks():
        modality = block.value.get("modality")
        if modality is None or not modality.live or modality.pk in seen:
            continue
        seen.add(modality.pk)
        treatments.append({"@type": modality.schema_type or "MedicalTherapy", "name": modality.name})
    return treatments


def condition_json_ld(page):
    condition = page.condition
    if condition is None or not condition.live:
        return None
    data = {"@type": "MedicalCondition", "name": condition.name}
    if condition.description:
        data["description"] = condition.description
    if condition.icd10_code:
        data["code"] = {"@type": "MedicalCode", "codeValue": condition.icd10_code, "codingSystem": "ICD-10"}
    treatments = treatments_json_ld(page)
    if treatments:
        data["possibleTreatment"] = treatments
    return data


def article_json_ld(page):
    """The JSON-LD object of an ArticlePage (reads only prefetched relations and the body)."""
    published = page.original_published_at or page.first_published_at
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": reader_url(page),
        "inLanguage": page.locale.language_code,
    }
    if page.summary:
        data["description"] = page.summary
    if published:
        data["datePublished"] = published.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.medical_reviewer_name:
        # As recorded in the sign-off, not the Person as it reads today.
        data["reviewedBy"] = {"@type": "Person", "name": page.medical_reviewer_name}
        if page.medical_reviewer_credentials:
            data["reviewedBy"]["honorificSuffix"] = page.medical_reviewer_credentials
    authors = [person_json_ld(a.person) for a in page.authors.all() if a.person.live]
    if authors:
        data["author"] = authors
    about = condition_json_ld(page)
    if about is not None:
        data["about"] = about
    return data
