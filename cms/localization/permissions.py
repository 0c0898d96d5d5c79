"""Per-language permissions for translatable snippets.

Wagtail's page permissions are per subtree, so a translator group holds them on its language's
HomePage only. Snippet permissions are per model; this module narrows them to a language: a user
whose permission on a snippet model comes only from language groups (LocaleRole) may act on
instances of those languages only. Everyone else (editors, publishers, superusers) is not
narrowed. The rule is `snippet_locale_permitted`; `LocalePermissionPolicy` applies it wherever
Wagtail asks a permission policy about an instance (delete, copy, bulk actions, API v3), the
snippet hooks in wagtail_hooks.py apply it to the create and edit views, and
`user_can_edit_instance` to wagtail-localize's translation editor endpoints.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy


def _locale_id(locale):
    if locale is None:
        return Locale.get_default().pk
    if isinstance(locale, Locale):
        return locale.pk
    if isinstance(locale, str):
        return Locale.objects.get(language_code=locale).pk
    return int(locale)


def user_snippet_locales(user, model, action):
    """None when `user` is not narrowed to languages for `action` on `model`, else the allowed locale ids.

    Narrowed: the permission comes only from language groups (LocaleRole), or the user has no
    such permission but belongs to language groups. One query per (user, model, action),
    cached on the user object for the request.
    """
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    codename = get_permission_codename(action, model._meta)
    cache = user.__dict__.setdefault("_localization_snippet_scope", {})
    key = (model._meta.label_lower, codename)
    if key not in cache:
        rows = list(
            user.groups.values_list(
                "locale_role__locale_id",
                Exists(
                    Permission.objects.filter(
                        group=OuterRef("pk"), content_type__app_label=model._meta.app_label, codename=codename
                    )
                ),
            )
        )
        granting = [locale_id for locale_id, grants in rows if grants]
        direct = user.user_permissions.filter(
            content_type__app_label=model._meta.app_label, codename=codename
        ).exists()
        languages = {locale_id for locale_id, _grants in rows if locale_id is not None}
        if direct or any(locale_id is None for locale_id in granting):
            cache[key] = None
        elif granting:
            cache[key] = set(granting)
        else:
            cache[key] = languages or None
    return cache[key]


def snippet_locale_in_scope(user, model, action, locale):
    """Whether `locale` is within the languages `user` is narrowed to (always, when not narrowed)."""
    if not issubclass(model, TranslatableMixin) or issubclass(model, Page):
        return True
    allowed = user_snippet_locales(user, model, action)
    return allowed is None or _locale_id(locale) in allowed


def snippet_locale_permitted(user, model, action, locale):
    """Whether `user` may `action` ('add', 'change', 'delete') `model` snippets in `locale`."""
    if not user.has_perm(f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"):
        return False
    return snippet_locale_in_scope(user, model, action, locale)


class LocalePermissionPolicy(ModelPermissionPolicy):
    """A model permission policy that also checks the instance's language."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self._allowed(user, action, instance) for action in actions)

    def _allowed(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        if action in ("view", "choose"):
            return True
        return snippet_locale_permitted(user, self.model, action, instance.locale_id)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if any(action in ("view", "choose") for action in actions):
            return queryset
        scopes = [user_snippet_locales(user, self.model, action) for action in actions]
        if any(scope is None for scope in scopes):
            return queryset
        return queryset.filter(locale_id__in=set().union(*scopes))


def user_can_edit_instance(user, instance):
    """wagtail-localize's editor check, with the language rule for snippets (pages keep their tree rule)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return snippet_locale_permitted(user, type(instance), "change", instance.locale_id)
