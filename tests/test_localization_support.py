"""Fixtures for the translation tests: languages set up, users per language role, a translated article."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from cms.editorial import roles
from cms.localization.locales import locales_ensure


@pytest.fixture
def l10n(db, home_page):
    """Every configured language set up: {code: LocaleSetup}."""
    roles.roles_ensure()
    return {setup.locale.language_code: setup for setup in locales_ensure()}


@pytest.fixture
def make_user(db):
    def make(username, *groups, superuser=False):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.is_superuser = user.is_staff = superuser
        user.save()
        user.groups.set(groups)
        return user

    return make


@pytest.fixture
def editor(l10n, make_user):
    from django.contrib.auth.models import Group

    return make_user("editor", Group.objects.get(name=roles.EDITORS))


@pytest.fixture
def translators(l10n, make_user):
    """{code: translator user} for every translated language."""
    return {code: make_user(f"translator-{code}", s.translators) for code, s in l10n.items() if s.translators}


@pytest.fixture
def language_reviewers(l10n, make_user):
    return {code: make_user(f"reviewer-{code}", s.reviewers) for code, s in l10n.items() if s.reviewers}


@pytest.fixture
def locales(l10n):
    return {code: Locale.objects.get(language_code=code) for code in l10n}
