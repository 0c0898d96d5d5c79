"""System checks: the translation guards are in place and the machine translator can load."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


@checks.register()
def guards_check(app_configs=None, **kwargs):
    """A wagtail-localize upgrade that renames what flow.install() replaces must not drop the rules."""
    from wagtail_localize.models import TranslationSource
    from wagtail_localize.views import edit_translation

    from . import flow, permissions

    errors = []
    if TranslationSource.create_or_update_translation is not flow.guarded_create_or_update_translation:
        errors.append(
            checks.Error(
                "Translations are not guarded: TranslationSource.create_or_update_translation is not "
                "cms.localization's version, so drafts could leak and translations publish without review.",
                hint="cms.localization must be in INSTALLED_APPS; check wagtail_localize/models.py.",
                id="localization.E001",
            )
        )
    if edit_translation.user_can_edit_instance is not permissions.user_can_edit_instance:
        errors.append(
            checks.Error(
                "wagtail-localize's editor does not apply the per-language snippet rule.",
                hint="Check wagtail_localize/views/edit_translation.py for user_can_edit_instance.",
                id="localization.E002",
            )
        )
    return errors


@checks.register()
def machine_translator_check(app_configs=None, **kwargs):
    """DeepL or Google selected by the environment, but its client library missing, fails early."""
    config = getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    if not config:
        return []
    if config["CLASS"].endswith("ProtectedValuesTranslator"):
        config = config.get("OPTIONS") or config  # the engine our wrapper runs (machine.py)
    try:
        import_string(config["CLASS"])
    except ImportError as error:
        return [
            checks.Error(
                f"The machine translator {config['CLASS']} cannot be loaded: {error}",
                hint="Install its client (Google: pip install google-cloud-translate) or unset its "
                "environment variable (DEEPL_API_KEY, GOOGLE_TRANSLATE_PROJECT_ID).",
                id="localization.E003",
            )
        ]
    return []
