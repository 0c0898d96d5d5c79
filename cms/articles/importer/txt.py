"""Plain-text articles in the seed's layout.

    Title line
    date line (Oct 29, 2023 / 2023-10-29 / 29 October 2023)
    paragraphs separated by blank lines
    Heading lines: one short line with no final full stop, comma, colon or "!"
    1. Numbered heading (a treatment when it follows "Treatment Options")

Inside a paragraph, lines starting "- ", "* " or "• " become a bulleted list;
"1. " or "1) " lines in a block of several lines become a numbered list.
**bold**, *italic* and [text](https://...) work as in Markdown. A short
heading line directly followed by its paragraph, without a blank line in
between, is recognised as well.
"""

import re

from .dates import is_date_line
from .richtext import inline_markup
from .structure import ArticleImportError, Fragment, Heading, RawDocument

NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^[-*•]\s+(?P<text>\S.*)$")
HEADING_MAX = 100
HEADING_MAX_WORDS = 14
INLINE_HEADING_MAX = 60
TITLE_MAX = 200
NOT_HEADING_ENDINGS = ".,;:!"


def _blocks(text):
    """Groups of consecutive non-blank lines."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _strip_marks(line):
    """'## Title' or '**Title**' -> 'Title'."""
    line = line.strip().lstrip("#").strip()
    return re.sub(r"^(\*\*|__|\*|_)(.+)\1$", r"\2", line).strip()


def looks_like_heading(line, max_length=HEADING_MAX):
    """A short line with no sentence ending, that is neither a list item nor a date."""
    line = _strip_marks(line)
    return bool(
        line
        and len(line) <= max_length
        and len(line.split()) <= HEADING_MAX_WORDS
        and line[-1] not in NOT_HEADING_ENDINGS
        and not BULLET.match(line)
        and not is_date_line(line)
    )


def _heading(line):
    text = _strip_marks(line)
    return Heading(level=3 if NUMBERED.match(text) else 2, text=text)


def _heading_then_text(block):
    """'Surgery' on one line and its paragraph on the next, with no blank line between."""
    first, second = block[0].strip(), block[1].strip()
    return (
        looks_like_heading(first, INLINE_HEADING_MAX)
        and not NUMBERED.match(second)
        and not BULLET.match(second)
        and (second[:1].isupper() or second[:1].isdigit())
    )


def block_html(lines):
    """One blank-line-separated block as HTML paragraphs and lists."""
    parts, paragraph, items, kind = [], [], [], None
    ordered_allowed = len(lines) > 1

    def flush_paragraph():
        if paragraph:
            parts.append(f"<p>{inline_markup(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list():
        if items:
            parts.append(f"<{kind}>{''.join(f'<li>{inline_markup(i)}</li>' for i in items)}</{kind}>")
            items.clear()

    for raw in lines:
        line = raw.strip()
        match = BULLET.match(line) or (NUMBERED.match(line) if ordered_allowed else None)
        if match:
            flush_paragraph()
            new_kind = "ol" if match.re is NUMBERED else "ul"
            if new_kind != kind:
                flush_list()
                kind = new_kind
            items.append(match["text"])
        elif items and raw[:1].isspace():
            items[-1] += " " + line
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return "".join(parts)


def parse_text(text):
    """Read a plain-text article into a RawDocument."""
    blocks = _blocks(text)
    if not blocks:
        raise ArticleImportError("The file has no text.")
    title = _strip_marks(blocks[0][0])
    if not looks_like_heading(title, TITLE_MAX):
        raise ArticleImportError(
            "No title found: the first line must be the article's title "
            f"(a short line without a final full stop), not {blocks[0][0].strip()[:60]!r}."
        )
    rest = blocks[0][1:]
    blocks = ([rest] if rest else []) + blocks[1:]
    items = []
    for index, block in enumerate(blocks):
        is_last = index == len(blocks) - 1
        if len(block) == 1 and not is_last and looks_like_heading(block[0]):
            items.append(_heading(block[0]))
        elif len(block) > 1 and _heading_then_text(block):
            items.append(_heading(block[0]))
            items.append(Fragment(block_html(block[1:])))
        else:
            items.append(Fragment(block_html(block)))
    return RawDocument(title=title, items=items)
