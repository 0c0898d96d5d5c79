"""Read an article file (.txt, .md, .html) into one format-neutral ParsedArticle.

    parsed = parse_article("treatment-for-stage-4-lung-cancer.txt")
    parsed.title, parsed.date, parsed.summary, parsed.intro
    [(b.kind, b.heading) for b in parsed.blocks]  # "section" / "treatment"

Nothing here touches the database: matching treatments to modalities and
writing pages is cms.articles.services.article_import.
"""

from pathlib import Path

from .assemble import assemble
from .html_page import parse_html
from .md import parse_markdown
from .structure import ArticleImportError, ParsedArticle, ParsedBlock
from .txt import parse_text

PARSERS = {
    ".txt": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}

__all__ = ["PARSERS", "ArticleImportError", "ParsedArticle", "ParsedBlock", "parse_article", "read_text"]


def read_text(path):
    """The file's text, or ArticleImportError if it is missing, unreadable, empty or not UTF-8 text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleImportError(f"File not found: {path}") from None
    except IsADirectoryError:
        raise ArticleImportError(f"{path} is a directory, not an article file.") from None
    except OSError as error:
        raise ArticleImportError(f"Cannot read {path}: {error.strerror or error}") from None
    if b"\x00" in data:
        raise ArticleImportError(f"{path} looks like a binary file, not a text article.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleImportError(
            f"{path} is not UTF-8 text (a binary file, or another encoding: save it as UTF-8)."
        ) from None
    if not text.strip():
        raise ArticleImportError(f"{path} is empty.")
    return text


def parse_article(path):
    """Parse one article file by its extension."""
    path = Path(path)
    if not path.exists():
        raise ArticleImportError(f"File not found: {path}")
    if path.is_dir():
        raise ArticleImportError(f"{path} is a directory, not an article file.")
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(PARSERS))
        raise ArticleImportError(
            f"Cannot import {path.name}: unknown file type {path.suffix!r} (use {known})."
        )
    parsed = assemble(parser(read_text(path)))
    if not parsed.title:
        raise ArticleImportError(f"No title found in {path}.")
    return parsed
