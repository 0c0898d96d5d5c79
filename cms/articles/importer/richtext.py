"""Turn imported HTML into the rich text an article block accepts, and nothing more.

Output uses only p, h3, h4, ul, ol, li, b, i, br and a[href] (http, https,
mailto), then passes Wagtail's own feature whitelist for the block and
Draftail's converter, so what is stored is what the editor could have typed.
"""

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.html import escape

DROP = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "video", "audio", "img", "picture", "figure", "form", "button", "input", "select",
    "textarea", "label", "link", "meta", "head", "title", "nav", "aside", "header", "footer",
}  # fmt: skip
BLOCKS = {"p", "h3", "h4", "ul", "ol"}
INLINE_KEEP = {"b", "i", "a", "br"}
RENAME = {"strong": "b", "em": "i", "h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4", "pre": "p"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def inline_markup(text):
    """Escape plain text and apply Markdown-style **bold**, *italic* and [links](https://...)."""
    out = escape(text)
    out = re.sub(r"\[([^\]]+)\]\((https?://[^\s)]+)\)", r'<a href="\2">\1</a>', out)
    out = re.sub(r"(\*\*|__)(\S(?:.*?\S)?)\1", r"<b>\2</b>", out)
    out = re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"<i>\1</i>", out)
    return re.sub(r"(?<![\w/])_(\S(?:.*?\S)?)_(?![\w/])", r"<i>\1</i>", out)


def plain_text(html):
    """The words of an HTML fragment on one line."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text().split())


def first_paragraph_text(html):
    """Plain text of the first <p> of a fragment, or '' if it has none."""
    paragraph = BeautifulSoup(html or "", "html.parser").find("p")
    return " ".join(paragraph.get_text().split()) if paragraph else ""


def without_first_paragraph(html):
    """The fragment without its first <p> (the one the summary repeats); '' if nothing else is left."""
    soup = BeautifulSoup(html or "", "html.parser")
    paragraph = soup.find("p")
    if paragraph is not None:
        paragraph.decompose()
    rest = str(soup).strip()
    return rest if plain_text(rest) else ""


def _flatten_table(soup, table):
    rows = []
    for row in table.find_all("tr"):
        cells = [" ".join(cell.get_text().split()) for cell in row.find_all(["td", "th"])]
        if any(cells):
            paragraph = soup.new_tag("p")
            paragraph.string = " \u2013 ".join(cell for cell in cells if cell)
            rows.append(paragraph)
    for paragraph in reversed(rows):
        table.insert_after(paragraph)
    table.decompose()


def _normalise(soup):
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(DROP):
        tag.decompose()
    for table in soup.find_all("table"):
        _flatten_table(soup, table)
    for tag in soup.find_all(True):
        if tag.name in RENAME:
            tag.name = RENAME[tag.name]
        elif tag.name == "dt":
            tag.name = "b"
            tag.wrap(soup.new_tag("p"))
        elif tag.name in ("dd", "blockquote"):
            tag.name = "div" if tag.find(["p", "ul", "ol"]) else "p"
    for link in soup.find_all("a"):
        href = (link.get("href") or "").strip()
        if href.lower().startswith(SAFE_SCHEMES):
            link.attrs = {"href": href}
        else:
            link.unwrap()
    for paragraph in soup.select("li p"):
        paragraph.insert_before(" ")
        paragraph.unwrap()
    for tag in soup.find_all(True):
        if tag.name not in BLOCKS | INLINE_KEEP | {"li"}:
            tag.unwrap()
        else:
            tag.attrs = {"href": tag["href"]} if tag.name == "a" else {}


def _wrap_loose_inline(soup):
    """Put text and inline tags that sit between blocks into paragraphs."""
    paragraph = None
    for node in list(soup.contents):
        is_block = isinstance(node, Tag) and node.name in BLOCKS | {"li"}
        if is_block:
            paragraph = None
            continue
        if isinstance(node, NavigableString) and not node.strip() and paragraph is None:
            node.extract()
            continue
        if paragraph is None:
            paragraph = soup.new_tag("p")
            node.insert_before(paragraph)
        paragraph.append(node.extract())
    for tag in soup.find_all(["p", "h3", "h4", "li", "ul", "ol"]):
        if not tag.get_text().strip():
            tag.decompose()


def clean_html(html, features):
    """Sanitise HTML to the given rich text features; returns '' when no text is left.

    The result goes through Draftail's own conversion, so it is stored exactly
    as the admin editor would store it (<b>, <i>, block keys).
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.api.rich_text import APIRichText

    soup = BeautifulSoup(html or "", "html.parser")
    _normalise(soup)
    _wrap_loose_inline(soup)
    if not soup.get_text().strip():
        return ""
    cleaned, _removals = APIRichText.sanitize_db_html(str(soup), features=list(features))
    converter = ContentstateConverter(list(features))
    try:
        return converter.to_database_format(converter.from_database_format(cleaned)).strip()
    except (AssertionError, ValueError, KeyError):
        # Draftail's parser rejects some odd nesting; the whitelisted HTML is safe to store as is.
        return cleaned.strip()
