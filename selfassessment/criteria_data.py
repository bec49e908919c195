"""Loads the 5 standards and 32 criteria from fixtures/selfassessment/criteria.json (idempotent)."""

from .layout import template_data


def load_criteria(standard_model, criterion_model):
    """Create or update every standard and criterion; used by the data migration and by tests."""
    data = template_data()
    standards = {}
    for item in data["standards"]:
        standards[item["code"]], _ = standard_model.objects.update_or_create(
            code=item["code"],
            defaults={"name_ky": item["ky"], "name_ru": item["ru"], "name_en": item["en"]},
        )
    for position, item in enumerate(data["criteria"], start=1):
        criterion_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "standard": standards[item["standard"]],
                "position": position,
                "text_ky": item["ky"],
                "text_ru": item["ru"],
                "text_en": item["en"],
            },
        )
