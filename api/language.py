"""Which language the API answers in: ?lang=, else the Accept-Language header, else Kyrgyz."""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def requested_language(request, lang=None) -> str:
    if lang in LANGUAGE_CODES:
        return lang
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in LANGUAGE_CODES:
            return primary
    return settings.LANGUAGE_CODE


def locale_of(language: str) -> Locale:
    return Locale.objects.get(language_code=language)
