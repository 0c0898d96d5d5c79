"""Machine translation that never sees identifiers: the translator wagtail-localize is given.

Wraps the configured engine (settings: WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": this,
"OPTIONS": {"CLASS": engine, "OPTIONS": engine options}}). URLs, DOIs and PubMed IDs are
replaced by placeholders before a text is sent and put back after, so no engine can alter a
reference; a text made only of them is not sent at all (it is kept as it is). Each text the
engine returns is recorded by wagtail-localize as machine-translated, with the engine's name.
"""

from django.utils.module_loading import import_string
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .protected import mask_identifiers, only_identifiers, unmask_identifiers


class ProtectedValuesTranslator(BaseMachineTranslator):
    def __init__(self, options):
        super().__init__(options)
        engine = import_string(options["CLASS"])
        self.engine = engine(options.get("OPTIONS", {}))

    @property
    def display_name(self):
        return self.engine.display_name

    def can_translate(self, source_locale, target_locale):
        return self.engine.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        results, masked, kept = {}, {}, {}
        for string in strings:
            if only_identifiers(string.data):
                results[string] = StringValue(string.data)
                continue
            data, originals = mask_identifiers(string.data)
            value = StringValue(data)
            masked[value] = string
            kept[value] = originals
        if masked:
            translated = self.engine.translate(source_locale, target_locale, list(masked))
            for value, string in masked.items():
                result = translated.get(value)
                if result is not None and result.data is not None:
                    results[string] = StringValue(unmask_identifiers(result.data, kept[value]))
        return results
