"""Saved blog posts: keep the article, drop the page around it.

The content is the largest <article>, else <main>, else the block holding the
most paragraph text. Navigation, header, footer, aside, scripts, styles, forms,
share buttons, comments and other page furniture are dropped. The title is
the <h1> (fallback: <title> without the site name); the date comes from
<time datetime>, article:published_time metadata or a date written near the
title.
"""

import html
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .dates import find_date, is_date_line, parse_date
from .structure import ArticleImportError, Fragment, Heading, RawDocument

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
CONTENT_BLOCKS = {"p", "ul", "ol", "blockquote", "pre", "table", "dl"}
FURNITURE = [
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form",
    "button", "input", "select", "textarea", "iframe", "svg", "canvas", "dialog", "menu",
]  # fmt: skip
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
FURNITURE_CLASS = re.compile(
    r"(?:^|[-_])(?:share|sharing|social|newsletter|subscribe|breadcrumbs?|cookies?|comments?|related"
    r"|advert\w*|ads?|promo\w*|sidebar|popup|modal|nav\w*|menu|toc|byline)(?:[-_]|$)",
    re.IGNORECASE,
)
PSEUDO_HEADING_LEVEL = 4
PSEUDO_HEADING_MAX = 100
TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014]\s+")  # "Title | Site", or an en or em dash


def _text(node):
    return " ".join(node.get_text().split())


def _is_furniture(tag, keep=()):
    if tag.name in keep:
        return False
    if tag.name in FURNITURE or tag.get("role") in FURNITURE_ROLES:
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if "display:none" in (tag.get("style") or "").replace(" ", ""):
        return True
    names = [*tag.get("class", []), tag.get("id") or ""]
    return any(FURNITURE_CLASS.search(name) for name in names if name)


def _inside_furniture(tag, keep=()):
    return any(_is_furniture(parent, keep) for parent in tag.parents if isinstance(parent, Tag))


def _beside_article(tag):
    """In a sidebar, footer, navigation or comment thread: not the article's own date."""
    for parent in tag.parents:
        names = (
            " ".join([*parent.get("class", []), parent.get("id") or ""]) if isinstance(parent, Tag) else ""
        )
        if parent.name in ("aside", "footer", "nav") or re.search(r"comment|related|sidebar", names, re.I):
            return True
    return False


def find_title(soup):
    """(title text, the <h1> it came from or None).

    An <h1> in the article's own <header> counts; one in the site's banner
    (often the logo) only when nothing better exists.
    """
    articles = sorted(soup.find_all("article"), key=lambda a: len(a.get_text()), reverse=True)
    main = soup.find("main")
    in_content = [h1 for scope in [*articles, main] if scope for h1 in scope.find_all("h1")]
    everywhere = soup.find_all("h1")
    for candidates, keep in ((in_content, ("header",)), (everywhere, ()), (everywhere, ("header",))):
        for h1 in candidates:
            if _text(h1) and not _inside_furniture(h1, keep):
                return _text(h1), h1
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta and meta.get("content", "").strip():
        return " ".join(meta["content"].split()), None
    if soup.title and _text(soup.title):
        return TITLE_SEPARATORS.split(_text(soup.title))[0], None
    return "", None


def find_published_date(soup, title_el):
    """The publication date, from the most to the least machine-readable source."""
    for selector in ("article time[datetime]", "main time[datetime]", "time[datetime]"):
        for time in soup.select(selector):
            if not _beside_article(time) and (found := parse_date(time["datetime"])):
                return found
    for attrs in ({"property": "article:published_time"}, {"itemprop": "datePublished"}, {"name": "date"}):
        meta = soup.find(attrs=attrs)
        if meta and (found := parse_date(meta.get("content") or meta.get("datetime") or _text(meta))):
            return found
    if title_el is not None:
        for string in title_el.find_all_next(string=True, limit=20):
            if is_date_line(string):
                return find_date(string)
    return None


def content_root(soup):
    """The element that holds the article's text."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main:
        return main
    scores = {}
    for paragraph in soup.find_all("p"):
        if paragraph.parent is not None and not _inside_furniture(paragraph):
            scores[paragraph.parent] = scores.get(paragraph.parent, 0) + len(paragraph.get_text())
    if scores:
        return max(scores, key=scores.get)
    return soup.body or soup


def prune(root):
    """Remove page furniture and comments below `root`, in place."""
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(True):
        if not tag.decomposed and _is_furniture(tag):
            tag.decompose()


def _pseudo_heading(tag):
    """'<p><strong>1. Surgery</strong></p>' or a one-item '<ol start=2><li>Surgery</li></ol>'."""
    text = _text(tag)
    if not text or len(text) > PSEUDO_HEADING_MAX or text[-1] in ".,;:!":
        return None
    if tag.name == "p":
        children = [c for c in tag.contents if not (isinstance(c, NavigableString) and not c.strip())]
        if len(children) == 1 and isinstance(children[0], Tag) and children[0].name in ("strong", "b"):
            return Heading(PSEUDO_HEADING_LEVEL, text)
    if tag.name == "ol" and len(tag.find_all("li")) == 1:
        return Heading(PSEUDO_HEADING_LEVEL, f"{tag.get('start', '1')}. {text}")
    return None


def walk(node, skip=None):
    """Headings and HTML fragments, in reading order."""
    items, inline = [], []

    def flush():
        if "".join(inline).strip():
            items.append(Fragment(f"<p>{''.join(inline)}</p>"))
        inline.clear()

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            inline.append(html.escape(str(child), quote=False))
        elif child is skip:
            flush()
        elif child.name in HEADINGS:
            flush()
            if _text(child):
                items.append(Heading(int(child.name[1]), _text(child)))
        elif child.name in INLINE:
            inline.append(str(child))
        elif child.name in CONTENT_BLOCKS:
            flush()
            items.append(_pseudo_heading(child) or Fragment(str(child)))
        else:
            flush()
            items.extend(walk(child, skip))
    flush()
    return items


def parse_html(text):
    """Read a saved web page into a RawDocument."""
    soup = BeautifulSoup(text, "html.parser")
    title, title_el = find_title(soup)
    if not title:
        raise ArticleImportError("No title found: the page has no <h1> and no <title>.")
    date = find_published_date(soup, title_el)
    root = content_root(soup)
    prune(root)
    items = walk(root, skip=title_el)
    items = [i for i in items if not (isinstance(i, Heading) and i.level == 1 and i.text == title)]
    return RawDocument(title=title, date=date, items=items)
