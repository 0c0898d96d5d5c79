from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "cms.localization"
    label = "localization"
    verbose_name = _("Localization")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published
        from wagtail_localize.views import edit_translation

        from . import checks, flow, permissions  # noqa: F401 (checks registers itself)
        from .locales import TRANSLATABLE_SNIPPETS

        # Every wagtail-localize write goes through the draft and review rules (flow.py).
        flow.install()
        # Snippet permissions narrowed to the user's languages (permissions.py), registered
        # before the snippet viewsets look their policy up.
        for model in TRANSLATABLE_SNIPPETS:
            register_permission_policy(model, permissions.LocalePermissionPolicy(model), exact_class=True)
        edit_translation.user_can_edit_instance = permissions.user_can_edit_instance
        page_published.connect(flow.source_published_handler, dispatch_uid="localization_source_sync")
        # Translators are emailed when a translation is requested in their language.
        from django.db.models.signals import post_save
        from wagtail_localize.models import Translation

        from .notifications import translation_created

        post_save.connect(translation_created, sender=Translation, dispatch_uid="localization_requested")
        post_save.connect(
            flow.vocabulary_translations_request, sender=Translation, dispatch_uid="localization_vocabulary"
        )
        # The submission checks hold for every way a translation enters review.
        from wagtail.signals import workflow_submitted

        from .submission import translation_workflow_gate

        workflow_submitted.connect(translation_workflow_gate, dispatch_uid="localization_workflow_gate")
