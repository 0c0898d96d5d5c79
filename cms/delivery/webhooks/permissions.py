"""Webhooks are for administrators only: endpoints hold secrets and make the CMS call out."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy


class SuperuserOnlyPermissionPolicy(BasePermissionPolicy):
    """Only active superusers, and only for the given actions (None: every action)."""

    def __init__(self, model, actions=None):
        super().__init__(model)
        self.actions = set(actions) if actions is not None else None

    def _allowed(self, action):
        return self.actions is None or action in self.actions

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and self._allowed(action))

    def users_with_any_permission(self, actions):
        if not any(self._allowed(action) for action in actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
