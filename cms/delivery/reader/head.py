"""What a reader page says about itself in <head>, from its API payload.

Title, description, canonical URL, hreflang alternates (with x-default), Open Graph and
Twitter cards, and the structured data: an article's `json_ld` exactly as the API gives it,
plus a schema.org BreadcrumbList of its `breadcrumbs`. Nothing here reads the database.
"""

from django.conf import settings

from ..jsonld import SCHEMA_CONTEXT, reader_base_url
from ..site_config import language_entry


def absolute(path):
    return reader_base_url() + path


def live_translations(payload):
    """[{"locale", "url", "path", "direction"}] of the translations a reader can open, itself included."""
    return [entry for entry in payload.get("translations") or [] if entry.get("url")]


def alternates(payload):
    """hreflang links: every live translation, and x-default on the source language's one."""
    links = [{"hreflang": entry["locale"], "href": entry["url"]} for entry in live_translations(payload)]
    if len(links) < 2:
        return []
    default = next((link for link in links if link["hreflang"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"hreflang": "x-default", "href": default["href"]})
    return links


def language_links(payload, language):
    """The language switcher: [{"code", "name", "direction", "path", "current"}], in the site's order."""
    order = [code for code, _name in settings.LANGUAGES]
    entries = sorted(
        live_translations(payload),
        key=lambda entry: order.index(entry["locale"]) if entry["locale"] in order else len(order),
    )
    return [
        {**language_entry(entry["locale"]), "path": entry["path"], "current": entry["locale"] == language}
        for entry in entries
    ]


def breadcrumb_list(payload):
    """schema.org BreadcrumbList: the page's live ancestors (home first), then the page itself."""
    trail = [(crumb["title"], absolute(crumb["path"])) for crumb in payload.get("breadcrumbs") or []]
    if not trail:
        return None
    trail.append((payload["title"], payload["url"]))
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def page_json_ld(payload, kind, site_name):
    """The structured data blocks of a page: the API's json_ld for articles, schema.org's
    WebSite for a home page, CollectionPage for a section; with the BreadcrumbList."""
    seo = payload.get("seo") or {}
    if kind == "article":
        main = payload.get("json_ld")
    else:
        main = {
            "@context": SCHEMA_CONTEXT,
            "@type": "WebSite" if kind == "home" else "CollectionPage",
            "name": site_name if kind == "home" else payload["title"],
            "url": payload["url"],
            "inLanguage": payload["locale"],
        }
        if seo.get("description"):
            main["description"] = seo["description"]
    return [data for data in (main, breadcrumb_list(payload)) if data]


def page_head(payload, kind, site_name, canonical=None, paginated=False):
    """The <head> facts of a page of `kind` ("article", "section" or "home").

    `canonical`: the page's own URL when it is not the payload's (a later page of a listing);
    such a page has no hreflang alternates (its translations' pages hold other articles).
    """
    seo = payload.get("seo") or {}
    title = seo.get("title") or payload["title"]
    return {
        "title": title if kind != "home" else site_name,
        "description": seo.get("description") or "",
        "canonical": canonical or seo.get("canonical_url") or payload["url"],
        "alternates": [] if paginated else alternates(payload),
        "og_type": "article" if kind == "article" else "website",
        "image": seo.get("image"),
        "published": payload.get("original_published_at"),
        "modified": payload.get("last_published_at"),
        "json_ld": page_json_ld(payload, kind, site_name),
    }
