from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "cms.localization"
    label = "localization"
    verbose_name = _("Localization")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy
        from wagtail_localize.views import edit_translation

        from . import checks, permissions, receivers, translation_write  # noqa: F401 (checks registers itself)
        from .locales import TRANSLATABLE_SNIPPETS

        # Every wagtail-localize write goes through the draft and review rules (translation_write.py).
        translation_write.install()
        # Snippet permissions narrowed to the user's languages (permissions.py), registered
        # before the snippet viewsets look their policy up.
        for model in TRANSLATABLE_SNIPPETS:
            register_permission_policy(model, permissions.LocalePermissionPolicy(model), exact_class=True)
        edit_translation.user_can_edit_instance = permissions.user_can_edit_instance
