"""Translators hear about their work: a translation requested in their language, or one of theirs
gone out of date because its source changed (sent once the change commits)."""

import contextvars

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import LocaleRole

REQUESTED, OUT_OF_DATE = "requested", "out_of_date"


def translators_of(locale_id):
    return (
        get_user_model()
        .objects.filter(
            groups__locale_role__locale_id=locale_id,
            groups__locale_role__role=LocaleRole.TRANSLATORS,
            is_active=True,
        )
        .exclude(email="")
    )


def translator_notify(kind, locale_id, title, edit_url):
    """Email the translators of a language about one item, once the transaction commits."""
    transaction.on_commit(lambda: _send(kind, locale_id, title, edit_url))


def _send(kind, locale_id, title, edit_url):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    subject = (
        _("New translation requested: %(title)s")
        if kind == REQUESTED
        else _("Out of date with the source: %(title)s")
    ) % {"title": title}
    for user in translators_of(locale_id):
        body = render_to_string(
            "localization/translator_email.txt",
            {
                "user": user,
                "kind": kind,
                "items": [(title, base + edit_url)],
                "dashboard": base + reverse("wagtailadmin_home"),
            },
        )
        send_mail(subject, body, None, [user.email])


# Set while an article's vocabulary is requested along with it: one email, for the article.
bundled = contextvars.ContextVar("translation_requests_bundled", default=False)


def translation_requested_notify(translation):
    """A wagtail-localize Translation was created: tell its language's translators (once per article)."""
    if bundled.get():
        return
    target = translation.get_target_instance() if _has_target(translation) else None
    url = _edit_url(target) if target is not None else reverse("wagtailadmin_home")
    translator_notify(REQUESTED, translation.target_locale_id, translation.source.object_repr, url)


def _has_target(translation):
    try:
        translation.get_target_instance()
    except ObjectDoesNotExist:  # requested, no draft yet
        return False
    return True


def _edit_url(obj):
    from wagtail.models import Page

    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = getattr(obj, "snippet_viewset", None)
    return reverse(viewset.get_url_name("edit"), args=[obj.pk]) if viewset else reverse("wagtailadmin_home")


def translations_out_of_date(page, translations):
    """The source `page` changed: tell the translators of its live translations."""
    from wagtail.models import Page

    for translation in translations:
        target = Page.objects.filter(
            translation_key=page.translation_key, locale_id=translation.target_locale_id, live=True
        ).first()
        if target is not None:
            translator_notify(OUT_OF_DATE, translation.target_locale_id, target.title, _edit_url(target))
