"""Protected values: what no translation may change.

Numbers (doses, percentages, durations, ages, stages, dates' digits), the unit symbols written
after them, PubMed IDs, DOIs and URLs of a source text must all appear, unchanged, in its
translation. Numbers are compared as values: each locale writes them its own way ("1,000.5"
in English, "1.000,5" in Spanish and German, Arabic-Indic digits with U+066C and U+066B as
separators in Arabic), and a translator may also
keep the source's way of writing them. A unit written out in words ("50 miligramos") is
accepted; a different unit symbol ("50 g" for "50 mg") is not.

`protected_differences(source, translation, source_locale, target_locale)` lists what differs.
`mask_identifiers` / `unmask_identifiers` keep identifiers and URLs away from machine translation.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html import unescape

# Digits of other scripts, read as ASCII digits; their separators and percent sign likewise.
DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٪",
    "01234567890123456789%",
)
# (thousands separators, decimal separator) by language.
SEPARATORS = {
    "en": ({","}, "."),
    "es": ({".", "\u00a0", "\u202f"}, ","),
    "de": ({".", "\u00a0", "\u202f"}, ","),
    "fr": ({"\u00a0", "\u202f", "."}, ","),
    "ar": ({"\u066c", ","}, "\u066b"),  # Arabic thousands and decimal separators
}
DEFAULT_SEPARATORS = ({","}, ".")

URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
DOI = re.compile(r"\b10\.\d{4,9}/[^\s<>\"']+")
PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
TRAILING = ".,;:)]}»”"
# Digits with their separators; letters may precede them (Arabic prefixes "and": "و30").
NUMBER = re.compile(r"(?<![\d.,\u066b\u066c])\d(?:[\d.,\u066b\u066c\u00a0\u202f]*\d)?")
# Unit symbols written after a number, and how other scripts write the same unit.
UNITS = {
    "mg": "mg",
    "ملغ": "mg",
    "ملغم": "mg",
    "مغ": "mg",
    "mcg": "µg",
    "µg": "µg",
    "μg": "µg",
    "ميكروغرام": "µg",
    "g": "g",
    "غ": "g",
    "غم": "g",
    "kg": "kg",
    "كغ": "kg",
    "كغم": "kg",
    "ml": "ml",
    "مل": "ml",
    "l": "l",
    "mmhg": "mmHg",
    "gy": "Gy",
    "cgy": "cGy",
    "iu": "IU",
    "%": "%",
    "mmol/l": "mmol/l",
    "mg/m²": "mg/m²",
    "mg/m2": "mg/m²",
    "mg/kg": "mg/kg",
}
UNIT = re.compile(
    r"\s?(" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?![\w/])",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Value:
    kind: str  # "number", "identifier"
    text: str  # as written
    values: frozenset  # canonical readings (a number may read two ways)
    unit: str = ""

    def __str__(self):
        return self.text


def _plain(html):
    return unescape(TAG.sub(" ", html or ""))


def _canonical(text):
    whole, _dot, fraction = text.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _readings(token, languages):
    """The canonical decimal strings `token` can mean, written in any of `languages`."""
    token = token.translate(DIGITS)
    readings = set()
    for language in languages:
        thousands, decimal = SEPARATORS.get(language, DEFAULT_SEPARATORS)
        text = token
        for separator in thousands:
            parts = text.split(separator)
            # Thousands groups have three digits: "1,000" is a thousand, "1,5" is not.
            if len(parts) > 1 and parts[0] and all(len(p.split(decimal)[0]) == 3 for p in parts[1:]):
                text = "".join(parts)
        text = text.replace(decimal, ".")
        if re.fullmatch(r"\d+(\.\d+)?", text):
            readings.add(_canonical(text))
    return frozenset(readings)


def protected_values(text, *languages):
    """Every protected value of a text (HTML or plain), its numbers read as `languages` write them."""
    plain = _plain(text)
    found = []
    spans = []
    for pattern in (URL, DOI):
        for match in pattern.finditer(plain):
            value = match.group(0).rstrip(TRAILING)
            found.append(Value("identifier", value, frozenset({value.lower()})))
            spans.append((match.start(), match.start() + len(value)))
    for match in PMID.finditer(plain):
        found.append(Value("identifier", f"PMID {match.group(1)}", frozenset({f"pmid:{match.group(1)}"})))
        spans.append(match.span())
    for match in NUMBER.finditer(plain):
        if any(start <= match.start() < end for start, end in spans):
            continue
        unit = UNIT.match(plain, match.end())
        canonical = UNITS[unit.group(1).lower()] if unit else ""
        text = match.group(0) + (unit.group(0) if unit else "")
        found.append(Value("number", text.strip(), _readings(match.group(0), languages), canonical))
    return found


def _matches(source, candidate):
    if source.kind != candidate.kind or not source.values & candidate.values:
        return False
    # A unit symbol, when the translation writes one, must be the same unit.
    return not (source.unit and candidate.unit and source.unit != candidate.unit)


def protected_differences(source, translation, source_language, target_language):
    """The source's protected values the translation does not have unchanged: [Value]."""
    wanted = protected_values(source, source_language)
    # A translator may keep the source's way of writing a number.
    available = protected_values(translation, target_language, source_language)
    missing = []
    used = Counter()
    for value in wanted:
        match = next(
            (i for i, candidate in enumerate(available) if not used[i] and _matches(value, candidate)),
            None,
        )
        if match is None:
            missing.append(value)
        else:
            used[match] = 1
    return missing


IDENTIFIER_TOKEN = "⟦{}⟧"  # noqa: S105 (a placeholder, not a secret)
IDENTIFIER_TOKEN_RE = re.compile(r"⟦(\d+)⟧")


def mask_identifiers(html):
    """(text with URLs, DOIs and PMIDs replaced by ⟦n⟧ tokens, [the originals])."""
    originals = []

    def keep(match):
        value = match.group(0)
        stripped = value.rstrip(TRAILING)
        originals.append(stripped)
        return IDENTIFIER_TOKEN.format(len(originals) - 1) + value[len(stripped) :]

    masked = URL.sub(keep, html)
    masked = DOI.sub(keep, masked)
    masked = PMID.sub(keep, masked)
    return masked, originals


def unmask_identifiers(text, originals):
    return IDENTIFIER_TOKEN_RE.sub(
        lambda m: originals[int(m.group(1))] if int(m.group(1)) < len(originals) else m.group(0), text
    )


def only_identifiers(html):
    """Whether a text is nothing but identifiers, URLs and punctuation (nothing to translate)."""
    masked, originals = mask_identifiers(_plain(html))
    return bool(originals) and not re.search(r"[^\W\d_]", IDENTIFIER_TOKEN_RE.sub("", masked))
