from django.db import migrations

LANGUAGE_CODES = ["ky", "ru", "uz", "en", "tr", "tg"]


def create_languages(apps, schema_editor):
    InstructionLanguage = apps.get_model("taxonomy", "InstructionLanguage")
    for code in LANGUAGE_CODES:
        InstructionLanguage.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(create_languages, migrations.RunPython.noop)]
