"""Find the publication date in the words a blog post uses for it."""

import datetime
import re

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

# Numeric day/month/year with slashes is left out on purpose: 03/04/2023 means
# different days in the US and in Europe.
PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mon>\d{{1,2}})-{_DAY}\b"),
    re.compile(rf"\b{_YEAR}/(?P<mon>\d{{1,2}})/{_DAY}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\.(?P<mon>\d{{1,2}})\.{_YEAR}\b"),
]

# A line that is only a date, perhaps with a label: "Published on: Oct 29, 2023".
DATE_LINE_MAX = 80


def find_date(text):
    """The first valid date written anywhere in `text`, or None."""
    found = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text or ""):
            parts = match.groupdict()
            month = int(parts["mon"]) if parts.get("mon") else MONTHS[parts["month"][:3].lower()]
            try:
                found.append((match.start(), datetime.date(int(parts["year"]), month, int(parts["day"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def parse_date(value):
    """A date from a machine-written value (ISO date or datetime) or, failing that, from prose."""
    value = (value or "").strip()
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return find_date(value)


def is_date_line(text):
    """True for a short line that states a date, such as a byline or 'Oct 29, 2023'."""
    text = " ".join((text or "").split())
    return bool(text) and len(text) <= DATE_LINE_MAX and find_date(text) is not None
