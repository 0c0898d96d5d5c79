"""Which pages an anonymous caller may see, worked out once per content generation.

Wagtail's `get_public_pages_queryset` runs three queries on every request (the view
restrictions, the site, the site root's translations) before the content is read. For an
anonymous caller their answer only changes when a site, a locale, a view restriction or a
page changes, and each of those bumps the content generation (cache/receivers.py). So the
scope is kept per process, keyed by the generation token every public request reads anyway.
Callers with a session or credentials may pass restrictions: they get Wagtail's own.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Page, PageViewRestriction, Site

from ..cache.http import is_anonymous_request, request_generation


@dataclass(frozen=True)
class PublicScope:
    site: Site | None
    tree_paths: tuple  # the site's root page and its translations (each a language's tree)
    restricted_paths: tuple  # subtrees behind a view restriction


_scopes = {}
MAX_SCOPES = 64  # one per allowed host name in use; a bound all the same


def scopes_forget():
    """Forget every kept scope (tests: a rolled-back database brings an old generation back)."""
    _scopes.clear()


def _scope_for(request):
    site = Site.find_for_request(request)
    if site is None:
        return PublicScope(None, (), ())
    roots = [site.root_page, *site.root_page.get_translations()]
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    return PublicScope(site, tuple(sorted(p.path for p in roots)), tuple(sorted(restricted)))


def public_scope(request):
    """The request's PublicScope, from this process's memory when the generation is unchanged."""
    token = request_generation(request)[0]
    key = (token, request.get_host())
    scope = _scopes.get(key)
    if scope is None:
        if len(_scopes) >= MAX_SCOPES or any(k[0] != token for k in _scopes):
            _scopes.clear()  # an older generation's scopes are never asked for again
        scope = _scopes[key] = _scope_for(request)
    return scope


def public_pages(request, model=Page):
    """Live pages of the request's site that `request` may see (Wagtail's rule, kept per
    generation for anonymous callers)."""
    if not is_anonymous_request(request) or "site" in request.GET:
        return get_public_pages_queryset(request, model)
    scope = public_scope(request)
    # What Site.find_for_request reads: no second lookup.
    getattr(request, "_request", request)._wagtail_site = scope.site
    queryset = model._default_manager.live()
    if not scope.tree_paths:
        return queryset.none()
    in_site = Q()
    for path in scope.tree_paths:
        in_site |= Q(path__startswith=path)
    queryset = queryset.filter(in_site)
    for path in scope.restricted_paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset
