"""The ministry template's wording (Kyrgyz original, Russian and English) and the 32 criteria, as data.

Export labels come from the fixture rather than the gettext catalogues: they are the template's own
text, and an export in Kyrgyz must read exactly like the ministry's form whatever the admin language.
"""

import json
from functools import lru_cache

from django.conf import settings
from django.utils import translation

FIXTURE = settings.BASE_DIR / "fixtures" / "selfassessment" / "criteria.json"
EXPORT_LANGUAGES = ("ky", "ru", "en")


@lru_cache(maxsize=1)
def template_data() -> dict:
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)


def label(key: str, language: str) -> str:
    return template_data()["labels"][key][language]


def default_conclusions() -> set[str]:
    return {label("conclusion", language) for language in EXPORT_LANGUAGES}


def text_language(language: str | None = None) -> str:
    """ky, ru or en: the given language, else the active one, else Kyrgyz."""
    language = (language or translation.get_language() or "ky").split("-")[0]
    return language if language in EXPORT_LANGUAGES else "ky"
