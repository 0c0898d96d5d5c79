"""Headless preview: the admin's Preview shows the unsaved draft in the reader site.

1. Wagtail renders the page type's template for previews; delivery ships
   `articles/article_page.html`, which stores the draft (wagtail-headless-preview's
   `PagePreview`) under a signed token and frames the reader site's `/preview.html`.
2. The reader site fetches `/api/v2/page_preview/?content_type=...&token=...`,
   which serves the draft in the pages endpoint's JSON shape while the token is valid.
"""
