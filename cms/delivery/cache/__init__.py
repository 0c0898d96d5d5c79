"""Server-side and CDN caching of the public API, invalidated by a content generation.

- `generation`: one counter, bumped whenever published content (or who may see it) changes;
  every cached response is keyed by it, so a bump invalidates them all at once.
- `http`: the view wrapper that serves cached bytes with ETag/Last-Modified/Cache-Control.
- `purge`: the CDN URLs to purge through wagtail.contrib.frontend_cache.
"""

from .generation import content_generation, content_generation_bump

__all__ = ["content_generation", "content_generation_bump"]
