"""Ship the treatment-modality vocabulary in the default language."""

import uuid

from django.conf import settings
from django.db import migrations

from cms.articles.vocabulary import MODALITIES


def add_vocabulary(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    TreatmentModality = apps.get_model("articles.TreatmentModality")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for item in MODALITIES:
        TreatmentModality.objects.get_or_create(
            slug=item["slug"],
            locale=locale,
            defaults={
                "name": item["name"],
                "schema_type": item["schema_type"],
                "synonyms": "\n".join(item["synonyms"]),
                "translation_key": uuid.uuid4(),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
