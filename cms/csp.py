"""Content-Security-Policy on every answer (django-csp), one policy per part of the site.

- the reader site (and anything else): scripts, styles, fonts only from this origin, no inline
  scripts or styles: its pages are complete HTML with external modules (site/);
- the admin (/admin/): Wagtail's admin still writes inline scripts and style attributes, so
  those are allowed there, and only there;
- the APIs (/api/): JSON needs nothing at all (`default-src 'none'`), except the two docs
  pages, which run Swagger UI from this site's static files under the reader's policy.

The policies are settings (cms/settings/base.py, CSP_POLICIES); this picks one by path.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def policy_for_path(path):
    """The directives of the first CSP_POLICIES prefix `path` starts with; None: the default policy."""
    for prefix, directives in settings.CSP_POLICIES:
        if path.startswith(prefix):
            return directives
    return None


class PathCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp decorator wins
        directives = policy_for_path(request.path_info)
        if directives is None:
            return parts
        return PolicyParts(directives, parts.update, parts.replace, parts.nonce)
