"""wagtail-localize cannot put an unsigned translation live either."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from cms.articles.models import ArticlePage
from cms.editorial.models import MedicalReviewTask
from cms.editorial.roles import ensure_roles
from cms.editorial.signoff import SignOffRequired, signoff_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_article(one_section_article, users, django_capture_on_commit_callbacks):
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(one_section_article, [spanish])
    translated = ArticlePage.objects.get(translation_key=one_section_article.translation_key, locale=spanish)
    assert not translated.live
    return translated


def spanish_vocabulary_publish(article, locale):
    """Live, reviewed translations of the vocabulary the article shows, so that only the
    sign-off and workflow rules stand between save_target and the live site."""
    from cms.editorial.signoff import signoff_waived
    from cms.localization.submission import vocabulary_shown

    with signoff_waived("test: the Spanish vocabulary"):
        for snippet in vocabulary_shown(article):
            # translate_object already made a draft copy of each; review and publish it.
            copy = type(snippet).objects.get(translation_key=snippet.translation_key, locale=locale)
            copy.name = f"[es] {snippet.name}"
            copy.save_revision().publish()


def test_save_target_publish_does_not_put_it_live(spanish_article, users, django_capture_on_commit_callbacks):
    ensure_roles()  # the Spanish root came with the translation: give the roles their permissions there
    english = ArticlePage.objects.get(
        translation_key=spanish_article.translation_key, locale=Locale.get_default()
    )
    source = TranslationSource.objects.get_for_instance(english)
    translation = Translation.objects.get(source=source, target_locale=spanish_article.locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=spanish_article.locale,
            context=segment.context,
            defaults={"data": f"ES {segment.string.data}"},
        )
    spanish_vocabulary_publish(english, spanish_article.locale)
    # wagtail-localize publishes on commit, with no permission check and no workflow;
    # cms.localization turns the publish into a submission for review instead.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=users["publisher"], publish=True)
    page = ArticlePage.objects.get(pk=spanish_article.pk)
    assert not page.live
    assert page.workflow_in_progress
    # The review workflow ends with the medical sign-off, and only that puts it live.
    tasks = [type(task.specific).__name__ for task in page.current_workflow_state.workflow.tasks]
    assert tasks[-1] == "MedicalReviewTask"
    # Spanish pages go through the Spanish workflow (seeded as `make demo` sets languages up).
    assert page.current_workflow_task.name == "Spanish language review"
    for _step in tasks[:-1]:
        page.current_workflow_task.on_action(page.current_workflow_task_state, users["admin"], "approve")
        page = ArticlePage.objects.get(pk=page.pk)
        assert not page.live
    assert isinstance(page.current_workflow_task.specific, MedicalReviewTask)
    page.current_workflow_task.on_action(page.current_workflow_task_state, users["reviewer"], "approve")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.title.startswith("ES ")
    assert page.clinical_signoffs.get().revision_id == page.live_revision_id


def test_translated_revision_needs_its_own_signoff(spanish_article, users, reviewer_person):
    ensure_roles()
    revision = spanish_article.get_latest_revision()
    with pytest.raises(SignOffRequired, match="needs a medical sign-off"):
        revision.publish(user=users["publisher"])
    # The English sign-off does not cover the Spanish text; its own does.
    signoff = signoff_record(ArticlePage.objects.get(pk=spanish_article.pk), users["reviewer"])
    signoff.revision.publish(user=users["publisher"])
    assert ArticlePage.objects.get(pk=spanish_article.pk).live
