"""Markdown articles: '# Title', a date line or front matter 'date:', '##' sections.

Front matter is the simple 'key: value' kind between '---' lines; 'title' and
'date' are read. Lists, emphasis and links survive as rich text.
"""

import re

import markdown
from bs4 import BeautifulSoup

from .dates import parse_date
from .html_page import walk
from .structure import ArticleImportError, RawDocument

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text):
    """({key: value}, the text after the front matter)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match[1].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[match.end() :]


def parse_markdown(text):
    """Read a Markdown article into a RawDocument."""
    meta, body = front_matter(text)
    soup = BeautifulSoup(markdown.markdown(body, extensions=["extra", "sane_lists"]), "html.parser")
    h1 = soup.find("h1")
    title = meta.get("title") or (" ".join(h1.get_text().split()) if h1 else "")
    if not title:
        raise ArticleImportError("No title found: start the file with a '# Title' line.")
    if h1 is not None and " ".join(h1.get_text().split()) == title:
        h1.extract()
    date = parse_date(meta["date"]) if meta.get("date") else None
    return RawDocument(title=title, date=date, items=walk(soup))
