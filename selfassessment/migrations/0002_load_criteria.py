from django.db import migrations


def load(apps, schema_editor):
    from selfassessment.criteria_data import load_criteria

    load_criteria(apps.get_model("selfassessment", "Standard"), apps.get_model("selfassessment", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("selfassessment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
