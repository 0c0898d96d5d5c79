"""Read an article file (.txt, .md, .html, .docx) into one format-neutral ParsedArticle.

    parsed = parse_article("treatment-for-stage-4-lung-cancer.txt")
    parsed = parse_document(uploaded.read(), uploaded.name)  # the admin's upload
    parsed.title, parsed.date, parsed.summary, parsed.intro
    [(b.kind, b.heading) for b in parsed.blocks]  # "section" / "treatment"

Nothing here touches the database: matching treatments to modalities and
writing pages is cms.articles.services.article_import.
"""

from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .assemble import assemble
from .docx import parse_docx
from .html_page import parse_html
from .md import parse_markdown
from .structure import ArticleImportError, ParsedArticle, ParsedBlock
from .txt import parse_text

# Parsers of text files: they get the decoded text.
PARSERS = {
    ".txt": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
# Parsers of binary documents: they get the file's bytes.
DOCUMENT_PARSERS = {".docx": parse_docx}
EXTENSIONS = sorted([*PARSERS, *DOCUMENT_PARSERS])
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

__all__ = [
    "EXTENSIONS",
    "PARSERS",
    "ArticleImportError",
    "ParsedArticle",
    "ParsedBlock",
    "max_bytes",
    "parse_article",
    "parse_document",
    "read_text",
]


def max_bytes():
    """The largest article file accepted (setting ARTICLE_IMPORT_MAX_BYTES)."""
    return getattr(settings, "ARTICLE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def _too_large(name, size):
    limit = filesizeformat(max_bytes())
    return ArticleImportError(f"{name} is too large ({filesizeformat(size)}; at most {limit}).")


def _read_bytes(path):
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleImportError(f"File not found: {path}") from None
    except IsADirectoryError:
        raise ArticleImportError(f"{path} is a directory, not an article file.") from None
    except OSError as error:
        raise ArticleImportError(f"Cannot read {path}: {error.strerror or error}") from None


def _decode(data, name):
    if b"\x00" in data:
        raise ArticleImportError(f"{name} looks like a binary file, not a text article.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleImportError(
            f"{name} is not UTF-8 text (a binary file, or another encoding: save it as UTF-8)."
        ) from None
    if not text.strip():
        raise ArticleImportError(f"{name} is empty.")
    return text


def read_text(path):
    """The file's text, or ArticleImportError if it is missing, unreadable, empty or not UTF-8 text."""
    return _decode(_read_bytes(path), path)


def parse_document(data, name):
    """Parse an article from a file's bytes; `name` (the file's name) gives its format."""
    suffix = Path(str(name)).suffix.lower()
    if suffix not in PARSERS and suffix not in DOCUMENT_PARSERS:
        known = ", ".join(EXTENSIONS)
        file_name = Path(str(name)).name
        raise ArticleImportError(f"Cannot import {file_name}: unknown file type {suffix!r} (use {known}).")
    if len(data) > max_bytes():
        raise _too_large(name, len(data))
    if not data.strip():
        raise ArticleImportError(f"{name} is empty.")
    if suffix in DOCUMENT_PARSERS:
        raw = DOCUMENT_PARSERS[suffix](data, name)
    else:
        raw = PARSERS[suffix](_decode(data, name))
    parsed = assemble(raw)
    if not parsed.title:
        raise ArticleImportError(f"No title found in {name}.")
    return parsed


def parse_article(path):
    """Parse one article file by its extension."""
    path = Path(path)
    if not path.exists():
        raise ArticleImportError(f"File not found: {path}")
    if path.is_dir():
        raise ArticleImportError(f"{path} is a directory, not an article file.")
    if path.stat().st_size > max_bytes():  # refused before it is read into memory
        raise _too_large(path, path.stat().st_size)
    return parse_document(_read_bytes(path), path)
