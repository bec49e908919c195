"""Licence rows become translatable (issue 22): each row gets its page's locale, and the Russian and
English copies of a Kyrgyz row share its translation key, so wagtail-localize keeps updating the same
rows instead of replacing them. Stored revisions and wagtail-localize's source snapshots get the same
keys, so publishing an older draft or syncing a translation keeps the links."""

import json
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _keys_by_row(Licence):
    rows = list(
        Licence.objects.order_by("sort_order", "pk").values(
            "pk",
            "number",
            "issued_on",
            "institution_id",
            "institution__locale_id",
            "institution__locale__language_code",
            "institution__translation_key",
        )
    )
    pages = {}
    for row in rows:
        key = row["institution__translation_key"]
        pages.setdefault(key, {}).setdefault(row["institution_id"], []).append(row)
    keys = {}
    for translations in pages.values():
        # The source is the Kyrgyz page (the other languages are wagtail-localize's copies of it).
        source_id = min(
            translations,
            key=lambda pk: (translations[pk][0]["institution__locale__language_code"] != settings.LANGUAGE_CODE, pk),
        )
        source = translations[source_id]
        for row in source:
            keys[row["pk"]] = uuid.uuid4()
        for page_id, copies in translations.items():
            if page_id == source_id:
                continue
            unused = list(source)
            for position, row in enumerate(copies):
                match = next(
                    (s for s in unused if (s["number"], s["issued_on"]) == (row["number"], row["issued_on"])),
                    None,
                ) or (source[position] if position < len(source) and source[position] in unused else None)
                if match is None:
                    keys[row["pk"]] = uuid.uuid4()
                else:
                    unused.remove(match)
                    keys[row["pk"]] = keys[match["pk"]]
    return rows, keys


def _patch(content, keys, locales):
    """Add translation_key and locale to the licence rows of a serialised page."""
    changed = False
    for row in content.get("licences") or []:
        pk = row.get("pk")
        if pk in keys:  # the stored row's key is the one its translations share
            wanted = {"translation_key": str(keys[pk]), "locale": locales[pk]}
        elif "translation_key" in row and "locale" in row:
            continue
        else:  # a row deleted since: a key of its own
            wanted = {"translation_key": str(uuid.uuid4()), "locale": content.get("locale")}
        if any(row.get(field) != value for field, value in wanted.items()):
            row.update(wanted)
            changed = True
    return changed


def forwards(apps, schema_editor):
    Licence = apps.get_model("institutions", "InstitutionLicence")
    rows, keys = _keys_by_row(Licence)
    locales = {row["pk"]: row["institution__locale_id"] for row in rows}
    for row in rows:
        Licence.objects.filter(pk=row["pk"]).update(
            translation_key=keys[row["pk"]], locale_id=row["institution__locale_id"]
        )

    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="institutions", model="institutionpage").first()
    if page_type is None:
        return
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=page_type).iterator():
        if _patch(revision.content, keys, locales):
            revision.save(update_fields=["content"])
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    for source in TranslationSource.objects.filter(specific_content_type=page_type).iterator():
        content = json.loads(source.content_json)
        if _patch(content, keys, locales):
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="institutionlicence",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="institutionlicence",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="institutionlicence",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="institutionlicence",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="institutionlicence",
            unique_together={("translation_key", "locale")},
        ),
    ]
