from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = _("Editorial")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from .publishing import converted_aliases_go_offline, guard_install, new_articles_start_as_drafts

        guard_install()
        pre_save.connect(new_articles_start_as_drafts, dispatch_uid="editorial_new_articles_drafts")
        post_save.connect(converted_aliases_go_offline, dispatch_uid="editorial_converted_aliases_offline")
