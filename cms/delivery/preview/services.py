"""Preview tokens: create one for a draft, and turn a valid one back into the draft page.

Built on wagtail-headless-preview's public parts (`PagePreview`, `get_client_root_url_from_site`,
the `preview_update` signal, its `preview.html`) rather than its `HeadlessPreviewMixin`: the
mixin's tokens never expire (`PREVIEW_TOKEN_MAX_AGE` is our 403), carry no random part (two
previews of one page share a token), and its URL join drops a `?` already in the client URL.
Adopting it would mean overriding nearly every method and making the page models in `articles`
and `home` inherit a delivery concern, which DESIGN.md's app boundaries rule out.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview, get_client_root_url_from_site
from wagtail_headless_preview.signals import preview_update

TOKEN_SALT = "cms.delivery.preview"  # noqa: S105  (a signing namespace, not a secret)


class PreviewError(Exception):
    """A preview that cannot be served; `status_code` is the HTTP answer (400, 403 or 404)."""

    status_code = 400

    def __init__(self, message, status_code=None):
        super().__init__(message)
        if status_code is not None:
            self.status_code = status_code


def preview_signer():
    return signing.TimestampSigner(salt=TOKEN_SALT)


def preview_content_type_str(page):
    """'articles.articlepage': how a preview URL names the page type."""
    content_type = ContentType.objects.get_for_model(page.specific_class or type(page))
    return ".".join(content_type.natural_key())


def preview_create(page):
    """Store `page` as it is now (unsaved edits included) and return its PagePreview.

    The token is `<page id or parent and type>:<random>:<timestamp>:<signature>`, signed with
    SECRET_KEY; it is valid for PREVIEW_TOKEN_MAX_AGE seconds. Stored drafts older than a day
    are removed (wagtail-headless-preview's garbage collection).
    """
    if page.pk is None:
        identifier = f"parent_id={page.get_parent().pk};page_type={page._meta.label}"
    else:
        identifier = f"id={page.pk}"
    token = preview_signer().sign(f"{identifier};nonce={secrets.token_hex(8)}")
    PagePreview.garbage_collect()
    preview = PagePreview.objects.create(
        token=token,
        content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
        content_json=page.to_json(),
    )
    preview_update.send(sender=type(page), token=token)
    return preview


def preview_client_url(site, page, token):
    """The reader site's preview URL: WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"] plus the query."""
    root = get_client_root_url_from_site(site)
    query = urlencode({"content_type": preview_content_type_str(page), "token": token})
    return f"{root}{'&' if '?' in root else '?'}{query}"


def _content_type(value):
    try:
        app_label, model = (value or "").split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model.lower())
    except (ValueError, ContentType.DoesNotExist) as e:
        raise PreviewError(_("Unknown content_type: expected e.g. articles.articlepage."), 400) from e
    model_class = content_type.model_class()
    if model_class is None or not issubclass(model_class, Page):
        raise PreviewError(_("content_type is not a page type."), 400)
    return content_type


def preview_page_from_token(content_type, token):
    """The draft page stored under `token`, or PreviewError.

    400: missing or unknown content type; 403: token missing, forged or older than
    PREVIEW_TOKEN_MAX_AGE; 404: no draft stored under this token for this content type.
    """
    if not token:
        raise PreviewError(_("A preview token is required."), 403)
    content_type = _content_type(content_type)
    try:
        preview_signer().unsign(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as e:
        raise PreviewError(_("This preview link has expired: press Preview again."), 403) from e
    except signing.BadSignature as e:
        raise PreviewError(_("Invalid preview token."), 403) from e
    preview = PagePreview.objects.filter(token=token, content_type=content_type).first()
    if preview is None:
        raise PreviewError(_("No preview found for this token."), 404)
    page = preview.as_page()
    if page.pk is None:
        # A page that was never saved: the API needs an id to build its URLs.
        page.pk = page.id = 0
    return page
