from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    """Every site language has a Wagtail locale, so content can be translated into it."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
