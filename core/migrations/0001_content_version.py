"""ContentVersion moves from pages to core; its table (pages_contentversion) stays where it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pages", "0003_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveBigIntegerField(default=0)),
                    ],
                    options={"verbose_name": "content version", "db_table": "pages_contentversion"},
                ),
            ],
            database_operations=[],
        ),
    ]
