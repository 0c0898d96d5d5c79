"""Create a Locale row for every configured language (CMS_LANGUAGES); `ensure_locales` does it later too."""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
