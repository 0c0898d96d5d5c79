"""Protected values: numbers, units, dates, PubMed IDs, DOIs and URLs survive translation unchanged,
whichever way each language writes numbers; identifiers never reach a machine translator."""

import pytest
from wagtail_localize.strings import StringValue

from cms.localization.machine import ProtectedValuesTranslator
from cms.localization.protected import mask_identifiers, only_identifiers, protected_differences


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("Take 50 mg daily.", "Tome 50 mg al día.", "es"),
        ("Take 50 mg daily.", "Nehmen Sie täglich 50 mg ein.", "de"),
        ("Take 50 mg daily.", "تناول 50 ملغ يوميًا.", "ar"),
        ("Take 50 mg daily.", "تناول ٥٠ ملغ يوميًا.", "ar"),  # noqa: RUF001 (Arabic-Indic digits)
        ("1,000.5 patients", "1.000,5 pacientes", "es"),
        ("1,000.5 patients", "1.000,5 Patienten", "de"),
        ("1,000.5 patients", "١٬٠٠٠٫٥ مريض", "ar"),  # noqa: RUF001
        ("2.5 mg twice a day", "2,5 mg dos veces al día", "es"),
        ("2.5 mg twice a day", "2.5 mg dos veces al día", "es"),  # the source's way is kept
        ("30% of patients", "el 30 % de los pacientes", "es"),
        ("30% of patients", "30 % der Patienten", "de"),
        ("30% of patients", "و٣٠٪ من المرضى", "ar"),
        ("for 6 weeks", "durante 6 semanas", "es"),  # a duration: the unit word is translated
        ("50 mg", "50 miligramos", "es"),  # a unit written out in words
        ("Reviewed on 29 October 2023", "Revisado el 29 de octubre de 2023", "es"),
        ("Stage 4 lung cancer", "Lungenkrebs im Stadium 4", "de"),
        (
            "Smith J. NEJM 2019. doi:10.1056/NEJMoa1809697 PMID: 30280651 https://example.org/a?b=1.",
            "Smith J. NEJM 2019. doi:10.1056/NEJMoa1809697 PMID 30280651 https://example.org/a?b=1.",
            "es",
        ),
    ],
)
def test_unchanged_values_pass(source, translation, language):
    assert protected_differences(source, translation, "en", language) == []


@pytest.mark.parametrize(
    ("source", "translation", "language", "missing"),
    [
        ("Take 50 mg daily.", "Tome 5 mg al día.", "es", "50 mg"),
        ("Take 50 mg daily.", "Tome 500 mg al día.", "es", "50 mg"),
        ("Take 50 mg daily.", "Tome 50 g al día.", "es", "50 mg"),  # another unit symbol
        ("Take 50 mg daily.", "تناول 5 ملغ يوميًا.", "ar", "50 mg"),
        ("2.5 mg", "25 mg", "es", "2.5 mg"),
        ("1,000 patients", "100 Patienten", "de", "1,000"),
        ("30% of patients", "el 3 % de los pacientes", "es", "30%"),
        ("Stage 4 lung cancer", "سرطان الرئة في المرحلة الرابعة", "ar", "4"),  # spelled out
        ("doi:10.1056/NEJMoa1809697", "doi:10.1056/NEJMoa1809698", "es", "10.1056/NEJMoa1809697"),
        ("PMID: 30280651", "PMID: 30280615", "es", "PMID 30280651"),
        (
            "See https://example.org/guide",
            "Véase https://example.org/guia",
            "es",
            "https://example.org/guide",
        ),
    ],
)
def test_changed_values_are_reported(source, translation, language, missing):
    assert [str(value) for value in protected_differences(source, translation, "en", language)] == [missing]


def test_html_markup_is_ignored():
    assert protected_differences("<p>Take <b>50 mg</b></p>", "<p>Tome <b>50 mg</b></p>", "en", "es") == []


class RecordingEngine:
    """A machine translator that records what it was sent and upper-cases it."""

    display_name = "Recording engine"
    sent = []

    def __init__(self, options):
        pass

    def can_translate(self, source_locale, target_locale):
        return True

    def translate(self, source_locale, target_locale, strings):
        RecordingEngine.sent = [s.data for s in strings]
        return {s: StringValue(s.data.upper()) for s in strings}


def test_identifiers_and_urls_never_reach_the_engine():
    translator = ProtectedValuesTranslator({"CLASS": f"{__name__}.RecordingEngine"})
    citation = StringValue("Smith J, et al. Lung Cancer. doi:10.1016/j.lungcan.2019.01.001 PMID: 30719999")
    url_only = StringValue("https://pubmed.ncbi.nlm.nih.gov/30719999/")
    results = translator.translate(None, None, [citation, url_only])
    assert translator.display_name == "Recording engine"
    sent = " ".join(RecordingEngine.sent)
    assert "10.1016" not in sent and "30719999" not in sent and "pubmed" not in sent
    # Put back exactly as they were; a text of identifiers alone is not sent at all.
    assert "10.1016/j.lungcan.2019.01.001" in results[citation].data
    assert "30719999" in results[citation].data
    assert "SMITH J" in results[citation].data
    assert results[url_only].data == url_only.data
    assert len(RecordingEngine.sent) == 1


def test_masking_round_trip():
    masked, originals = mask_identifiers("See https://x.org/a. and 10.1056/NEJM.1 PMID: 123")
    assert originals == ["https://x.org/a", "10.1056/NEJM.1", "PMID: 123"]
    assert "x.org" not in masked
    assert only_identifiers("https://x.org/a") and not only_identifiers("Smith et al. 2019")
