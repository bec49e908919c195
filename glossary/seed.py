"""Creates the glossary's first terms in every language (idempotent: an edited term is left as it is)."""

import uuid

from django.conf import settings
from wagtail.models import Locale

from .models import GlossaryTerm
from .terms import TERMS


def load_glossary():
    """Returns how many terms the default language has."""
    default = settings.LANGUAGE_CODE
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}
    for slug, texts in TERMS:
        source = GlossaryTerm.objects.filter(slug=slug, locale=locales[default]).first()
        key = source.translation_key if source else uuid.uuid4()
        for code, locale in locales.items():
            term, explanation = texts[code]
            if not GlossaryTerm.objects.filter(slug=slug, locale=locale).exists():
                GlossaryTerm.objects.create(
                    slug=slug, locale=locale, translation_key=key, term=term, explanation=explanation
                )
    return GlossaryTerm.objects.filter(locale=locales[default]).count()
