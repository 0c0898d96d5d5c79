"""Languages: locales, their trees, roles and review workflows, set up idempotently."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage, WorkflowTask

from cms.localization import checks
from cms.localization.locales import ensure_locales
from cms.localization.models import LocaleRole
from home.models import HomePage


@pytest.mark.django_db
def test_ensure_locales_is_idempotent(l10n, capsys):
    counts = lambda: (  # noqa: E731
        Locale.objects.count(),
        Page.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        WorkflowTask.objects.count(),
    )
    before = counts()
    call_command("ensure_locales")
    assert counts() == before
    output = capsys.readouterr().out
    assert "es: home page" in output and "Translation review (Spanish)" in output


@pytest.mark.django_db
def test_each_language_has_its_roles_on_its_own_tree_only(l10n):
    for code in ("es", "de", "ar"):
        setup = l10n[code]
        for group in (setup.translators, setup.reviewers):
            assert LocaleRole.objects.get(group=group).locale.language_code == code
            pages = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True))
            assert pages == {setup.home.pk}
            codenames = set(
                GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True)
            )
            assert "publish_page" not in codenames and "delete_page" not in codenames
        assert (
            setup.translators.name
            == f"Translators ({ {'es': 'Spanish', 'de': 'German', 'ar': 'Arabic'}[code] })"
        )
        assert not setup.translators.permissions.filter(codename="change_person").exists()
        assert setup.translators.permissions.filter(codename="change_condition").exists()


@pytest.mark.django_db
def test_review_workflow_is_language_review_then_medical_review(l10n):
    for code in ("es", "de", "ar"):
        workflow = l10n[code].workflow
        tasks = [task.specific for task in workflow.tasks]
        assert [type(task).__name__ for task in tasks] == ["LanguageReviewTask", "MedicalReviewTask"]
        assert list(tasks[0].groups.all()) == [l10n[code].reviewers]
        assert WorkflowPage.objects.get(page=l10n[code].home).workflow == workflow


@pytest.mark.django_db
def test_a_language_added_to_cms_languages_is_set_up(l10n):
    languages = [("en", "English"), ("es", "Spanish"), ("de", "German"), ("ar", "Arabic"), ("fr", "French")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        setups = {s.locale.language_code: s for s in ensure_locales()}
    assert (
        setups["fr"].home.translation_key == HomePage.objects.get(locale__language_code="en").translation_key
    )
    assert setups["fr"].translators.name == "Translators (French)"
    assert setups["fr"].workflow.name == "Translation review (French)"


def test_languages_come_from_the_environment(monkeypatch):
    import cms.settings.base as base

    monkeypatch.setenv("CMS_LANGUAGES", "en,fr")
    try:
        assert [code for code, _name in importlib.reload(base).LANGUAGES] == ["en", "fr"]
    finally:
        monkeypatch.delenv("CMS_LANGUAGES")
        importlib.reload(base)
    assert [code for code, _name in base.LANGUAGES] == ["en", "es", "de", "ar"]


def test_machine_translator_from_the_environment(monkeypatch):
    import cms.settings.base as base

    try:
        monkeypatch.setenv("DEEPL_API_KEY", "key:fx")
        config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
        # Every engine runs inside the wrapper that keeps identifiers away from it.
        assert config["CLASS"].endswith("ProtectedValuesTranslator")
        engine = config["OPTIONS"]
        assert engine["CLASS"].endswith("DeepLTranslator") and engine["OPTIONS"]["AUTH_KEY"] == "key:fx"
        monkeypatch.delenv("DEEPL_API_KEY")
        monkeypatch.setenv("GOOGLE_TRANSLATE_PROJECT_ID", "demo-project")
        config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
        assert config["OPTIONS"]["CLASS"].endswith("GoogleCloudTranslator")
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
            # google-cloud-translate is not installed here: `manage.py check` says so.
            assert [error.id for error in checks.machine_translator_check()] == ["localization.E003"]
    finally:
        monkeypatch.delenv("GOOGLE_TRANSLATE_PROJECT_ID", raising=False)
        importlib.reload(base)
    assert base.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"]["CLASS"].endswith("DummyTranslator")


@pytest.mark.django_db
def test_startup_checks_pass():
    assert checks.guards_check() == []


@pytest.mark.django_db
def test_startup_check_fails_when_wagtail_localize_writes_again(monkeypatch):
    from wagtail_localize.models import TranslationSource

    from cms.localization import translation_write

    monkeypatch.setattr(
        TranslationSource, "create_or_update_translation", translation_write.upstream_create_or_update
    )
    errors = checks.guards_check()
    assert [error.id for error in errors] == ["localization.E001", "localization.E001"]
    assert errors[0].msg.startswith("Syncing a live article translation")


@pytest.mark.django_db
def test_startup_check_fails_when_the_sync_writes_the_live_row(monkeypatch):
    from cms.localization import translation_write

    def live_row_save(source, locale, target, user=None, fallback=False):
        draft = source.get_ephemeral_translated_instance(locale, fallback=fallback)
        draft.save()
        return draft

    monkeypatch.setattr(translation_write, "live_revision_save", live_row_save)
    errors = checks.guards_check()
    assert [error.id for error in errors] == ["localization.E001", "localization.E001"]
    assert [error.msg for error in errors] == [
        "Syncing a live article translation writes the live row: unreviewed text would go live.",
        "Syncing a live condition translation writes the live row: unreviewed text would go live.",
    ]
