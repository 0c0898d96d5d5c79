"""Helpers for the API tests: translated trees, published through the real models."""

from wagtail.models import Locale, Site

from cms.editorial.signoff import signoff_waived


def publish(page):
    """Publish the latest revision of `page` (articles through the documented sign-off waiver)."""
    with signoff_waived("API test fixture"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_tree(article, language_code):
    """Copy the article (and its home and index when missing) into `language_code`, all published."""
    locale = Locale.objects.get(language_code=language_code)
    index = article.get_parent()
    home = index.get_parent()
    for source in (home, index):
        existing = source.get_translation_or_none(locale)
        if existing is None:
            publish(source.copy_for_translation(locale))
        elif not existing.live:  # the session's seed made each language's home, as a draft
            publish(existing.specific)
    translation = publish(article.copy_for_translation(locale))
    Site.get_site_root_paths()  # warm Wagtail's cache of locale roots, as any earlier request would
    return translation.specific
