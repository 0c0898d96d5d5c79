"""Headless preview: the admin's Preview shows the unsaved draft in the reader site.

1. Wagtail renders the page type's template for previews; delivery ships those of the
   project's page types (`articles/article_page.html`, `articles/article_index_page.html`,
   `home/home_page.html`, all `delivery/headless_page.html`), which store the draft
   (wagtail-headless-preview's `PagePreview`) under a signed token and frame the reader
   site's `/preview.html`. No page model needs HeadlessPreviewMixin.
2. `/api/v2/page_preview/?content_type=...&token=...` serves the draft in the pages
   endpoint's JSON shape while the token is valid; the reader site's `/preview.html` renders
   that answer through the reader templates (cms/delivery/reader/preview.py), other
   frontends fetch it themselves.
"""
