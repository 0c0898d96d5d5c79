"""From a flow of headings and HTML to sections and treatment options.

Rules, the same for every format:

- Text before the first heading is the introduction; the services layer puts
  its first paragraph in the page summary and the rest of it in an
  "Overview" section (a body section needs a heading).
- A short line stating a date at the top (e.g. "Oct 29, 2023" or a byline) is
  the publication date, not text.
- A heading "Treatment Options" (also "Treatment options for ...",
  "Treatments") opens the treatment group. Inside it, every numbered heading
  ("1. Surgery", "2) Radiation Therapy") and every heading below the group's
  own level becomes a treatment; the number is dropped. The group's own text,
  if any, stays as a section under its heading. An unnumbered heading of the
  group's level or above closes the group.
- Any other heading starts a section; a heading below the current block's
  level is folded into that block's text as <h3>/<h4>.
- A heading with no text under it is left out, with a warning.
"""

import html
import re
from dataclasses import dataclass, field

from ..blocks import RICH_TEXT_FEATURES
from .dates import find_date, is_date_line
from .richtext import clean_html, first_paragraph_text, plain_text
from .structure import Fragment, Heading, ParsedArticle, ParsedBlock

TREATMENT_GROUP = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:treatments?|treatment\s+(?:options?|choices|approaches))"
    r"(?:\s+(?:for|of|in)\b.*)?\s*:?$",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^\s*(?:step\s+)?\d{1,2}\s*[.):]\s*(?=\S)", re.IGNORECASE)
PROCEDURE_LIST = re.compile(
    r"\bprocedures?,?\s+(?:such as|including|include|like)\s+(?P<list>[^.;:()]+?)"
    r"(?:[,.;:)]|\s+(?:aim|are|is|can|may|which|to)\b)",
    re.IGNORECASE,
)
HEADING_MAX = 200
DATE_LINES_CHECKED = 2


def split_number(text):
    """'2) Radiation Therapy' -> (True, 'Radiation Therapy')."""
    stripped = NUMBER.sub("", text, count=1)
    return stripped != text, stripped.strip()


def is_treatment_group(text):
    return bool(TREATMENT_GROUP.match(split_number(text)[1]))


def find_procedures(body_html):
    """Named procedures written as 'procedures, such as wedge resection or lobectomy'."""
    match = PROCEDURE_LIST.search(plain_text(body_html))
    if not match:
        return []
    names = [n.strip() for n in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", match["list"])]
    names = [n for n in names if n]
    if not names or any(len(n.split()) > 5 for n in names):
        return []
    return [n[0].upper() + n[1:] for n in names]


@dataclass
class _Open:
    kind: str
    heading: str
    level: int
    parts: list = field(default_factory=list)


def _take_date(raw):
    """Leading date lines and bylines: remove them, and use the first date if none was found."""
    items, date = list(raw.items), raw.date
    for index, item in enumerate(items[:DATE_LINES_CHECKED]):
        if isinstance(item, Heading):
            break
        text = plain_text(item.html)
        if is_date_line(text):
            date = date or find_date(text)
            items[index] = None
    return [i for i in items if i is not None], date


class _Assembler:
    def __init__(self, features):
        self.features = features
        self.intro, self.blocks, self.warnings = [], [], []
        self.current = None
        self.group_level = None

    def fold(self, heading):
        depth = heading.level - self.current.level
        tag = "h4" if depth > 1 or self.current.kind == "treatment" else "h3"
        self.current.parts.append(f"<{tag}>{html.escape(heading.text, quote=False)}</{tag}>")

    def open(self, kind, heading, level):
        self.close()
        self.current = _Open(kind, heading, level)

    def close(self):
        block, self.current = self.current, None
        if block is None:
            return
        body = clean_html("".join(block.parts), self.features)
        if block.kind == "group":
            if body:
                self.blocks.append(ParsedBlock("section", block.heading, body))
            return
        if not body:
            self.warnings.append(f'Heading "{block.heading}" has no text under it; it was left out.')
            return
        heading = block.heading
        if len(heading) > HEADING_MAX:
            heading = heading[: HEADING_MAX - 1].rstrip() + "…"
            self.warnings.append(f'Heading "{heading}" was shortened to {HEADING_MAX} characters.')
        procedures = find_procedures(body) if block.kind == "treatment" else []
        self.blocks.append(ParsedBlock(block.kind, heading, body, procedures))

    def heading(self, item):
        numbered, text = split_number(item.text)
        current = self.current
        if self.group_level is not None:
            if current and current.kind == "treatment" and item.level > current.level and not numbered:
                return self.fold(item)
            if item.level > self.group_level or numbered:
                return self.open("treatment", text, item.level)
            self.group_level = None
        if current and item.level > current.level:
            return self.fold(item)
        if is_treatment_group(item.text):
            self.group_level = item.level
            return self.open("group", item.text, item.level)
        return self.open("section", item.text, item.level)

    def feed(self, item):
        if isinstance(item, Fragment):
            (self.current.parts if self.current else self.intro).append(item.html)
        else:
            self.heading(item)


def assemble(raw, features=RICH_TEXT_FEATURES):
    """Turn a RawDocument into a ParsedArticle."""
    items, date = _take_date(raw)
    assembler = _Assembler(features)
    for item in items:
        assembler.feed(item)
    assembler.close()
    intro = clean_html("".join(assembler.intro), features)
    return ParsedArticle(
        title=" ".join(raw.title.split()),
        date=date,
        intro=intro,
        summary=first_paragraph_text(intro),
        blocks=assembler.blocks,
        warnings=[*raw.warnings, *assembler.warnings],
    )
