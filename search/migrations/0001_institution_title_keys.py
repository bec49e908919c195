"""Fill institutions.title_keys (added empty by institutions 0003) for the institutions already saved:
the database engine matches a place query's words against it. Here, in the search app, because the
spelling keys are the search app's (institutions imports no search module)."""

from django.db import migrations

from search.transliteration import spelling_key


def fill_title_keys(apps, schema_editor):
    InstitutionPage = apps.get_model("institutions", "InstitutionPage")
    rows = list(InstitutionPage.objects.only("pk", "title", "short_name"))
    for row in rows:
        row.title_keys = spelling_key(f"{row.title} {row.short_name}")
    InstitutionPage.objects.bulk_update(rows, ["title_keys"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("institutions", "0003_title_keys")]

    operations = [migrations.RunPython(fill_title_keys, migrations.RunPython.noop)]
