"""System checks: the translation rules hold and the machine translator can load."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connection
from django.utils.module_loading import import_string


class _LiveRowWritten(Exception):
    pass


class _RevisionSaved(Exception):
    pass


class _QueryAttempted(Exception):
    pass


TRANSACTION_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


def _tables_untouched(execute, sql, params, many, context):
    """Let the write's transaction open and close; refuse any query that reads or writes a table."""
    if sql.lstrip().upper().startswith(TRANSACTION_CONTROL):
        return execute(sql, params, many, context)
    raise _QueryAttempted(sql)


class _ProbeSource:
    """Stands in for a TranslationSource of `original`, translated as `target`: all in memory."""

    def __init__(self, original, target):
        self.original, self.target = original, target
        model = type(original)
        self.specific_content_type = type("ContentType", (), {"model_class": staticmethod(lambda: model)})

    def as_instance(self):
        return self.original

    def get_source_instance(self):
        return self.original

    def get_translated_instance(self, locale):
        return self.target

    def get_ephemeral_translated_instance(self, locale, fallback=False):
        # As upstream: the live target's object, with the translated text set in memory.
        setattr(self.target, "title" if hasattr(self.target, "title") else "name", "Probe, translated")
        return self.target


def _live_target(model, **fields):
    """A live object of `model` that raises instead of writing: its row, or a revision."""
    target = model(pk=-1, live=True, **fields)

    def save(*args, **kwargs):
        raise _LiveRowWritten

    def save_revision(*args, **kwargs):
        raise _RevisionSaved

    target.save, target.save_revision = save, save_revision
    return target


def live_translation_sync_leaves_live_row(model, **fields):
    """Whether a sync (`publish=False`) of a live translation of `model` saves a revision, not the row.

    Runs whatever is installed as `TranslationSource.create_or_update_translation` on a source
    and a live target held in memory; the target raises at its first write, and any query is
    refused, so nothing is read or written and the database need not be migrated.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    source = _ProbeSource(model(pk=-2, **fields), _live_target(model, **fields))
    locale = Locale(pk=-1, language_code="es")
    try:
        with connection.execute_wrapper(_tables_untouched):
            TranslationSource.create_or_update_translation(source, locale, publish=False)
    except _RevisionSaved:
        return True
    except _LiveRowWritten:
        return False
    return False


def _probe_models():
    from cms.articles.models import ArticlePage, Condition

    return (
        (ArticlePage, {"title": "Probe", "slug": "probe", "content_type_id": -1}),
        (Condition, {"name": "Probe", "slug": "probe"}),
    )


@checks.register()
def guards_check(app_configs=None, **kwargs):
    """A wagtail-localize upgrade that changes what translation_write.py replaces must not drop the rules."""
    from wagtail_localize.views import edit_translation

    from . import permissions

    errors = []
    try:
        connection.ensure_connection()  # the write runs in a transaction; it reads no table
    except DatabaseError as error:
        errors.append(
            checks.Warning(
                f"The translation write could not be exercised: no database connection ({error}).",
                id="localization.W001",
            )
        )
    for model, fields in _probe_models() if not errors else ():
        name = model._meta.verbose_name
        try:
            kept = live_translation_sync_leaves_live_row(model, **fields)
        except Exception as error:  # an upgrade that breaks the probe must fail loudly too
            kept = False
            problem = f"could not be shown to leave the live row alone ({type(error).__name__}: {error})"
        else:
            problem = "writes the live row"
        if not kept:
            errors.append(
                checks.Error(
                    f"Syncing a live {name} translation {problem}: unreviewed text would go live.",
                    hint="cms.localization must be in INSTALLED_APPS; compare wagtail_localize/models.py "
                    "(create_or_update_translation) with cms/localization/translation_write.py.",
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
