"""The default site is named after the project, so the admin's dashboard does not say "localhost"."""

from django.conf import settings
from django.db import migrations


def name_sites(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    Site.objects.filter(site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]

    operations = [migrations.RunPython(name_sites, migrations.RunPython.noop)]
