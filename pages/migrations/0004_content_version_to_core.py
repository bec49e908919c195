"""ContentVersion now belongs to core (core.0001); the table is left to it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_content_version"),
        ("core", "0001_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
