"""/preview.html?content_type=articles.articlepage&token=...: a draft, rendered like the live page.

The admin's Preview stores the draft under a signed token and frames this URL
(PREVIEW_CLIENT_URL, cms/delivery/preview/). The page is the preview API's answer for that
token rendered through the reader templates, with the draft banner. Nobody but the holder
of a valid link sees it: without one, the answer is an error page with the preview API's
status (400, 403 or 404). It is never cached or indexed, and leaks no token through Referer.
"""

from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from ..preview.api import preview_answer
from ..preview.services import PreviewError, preview_page_from_token
from .payload import ReaderSite
from .views import not_found, render_payload

PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


def private(response):
    for name, value in PRIVATE_HEADERS.items():
        response[name] = value
    return response


@require_safe
@xframe_options_sameorigin  # the admin's preview panel frames it
def preview_page(request):
    try:
        page = preview_page_from_token(request.GET.get("content_type"), request.GET.get("token"))
    except PreviewError as e:
        return private(
            not_found(request, status=e.status_code, message=str(e), title=_("Preview unavailable"))
        )
    answer = preview_answer(request, page)
    if answer.status_code != 200:
        return private(not_found(request, status=answer.status_code, title=_("Preview unavailable")))
    response = render_payload(request, ReaderSite(request), page, answer.data, extra={"preview": True})
    if response is None:
        response = not_found(request, status=404, title=_("Preview unavailable"))
    return private(response)
