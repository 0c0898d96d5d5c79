"""GET /site-config.json: what the reader site needs before its first API call."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.views.decorators.http import require_safe

from cms.localization.services import language_direction, locales_configured


def language_entry(code):
    """{"code": "es", "name": "Español", "name_en": "Spanish", "direction": "ltr"}: named in itself."""
    try:
        info = get_language_info(code)
        name, name_en = capfirst(info["name_local"]), info["name"]
    except KeyError:
        name = name_en = code
    return {"code": code, "name": name, "name_en": name_en, "direction": language_direction(code)}


@require_safe
def site_config(request):
    """The site's name, its languages (source first) and the API entry points.

    {"site_name": "Medical content CMS", "default_language": "en",
     "languages": [{"code": "en", "name": "English", "name_en": "English", "direction": "ltr"}, ...],
     "api": {"pages": "/api/v2/pages/", "preview": "/api/v2/page_preview/"}}
    """
    data = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "default_language": settings.LANGUAGE_CODE,
        "languages": [language_entry(locale.language_code) for locale in locales_configured()],
        "api": {"pages": "/api/v2/pages/", "preview": "/api/v2/page_preview/"},
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=300)
    return response
