"""Terms in the visitor's language, falling back to the default language's term while a translation is missing."""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from core import memo

from .models import GlossaryTerm


def _language_codes():
    """The content language asked for and the default one (Locale.get_active's and get_default's codes)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        active = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        active = default
    return active, default


def _terms_by_slug():
    """slug → term in the active language, else the default language's; one query, once per request (a
    profile shows several terms)."""
    active, default = _language_codes()

    def read():
        rows = GlossaryTerm.objects.filter(locale__language_code__in={active, default}).select_related("locale")
        found = {}
        for term in sorted(rows, key=lambda term: term.locale.language_code == active):  # the active language's win
            found[term.slug] = term
        return found

    return memo.remember_shared(("glossary-terms", active), read)


def terms_in_language():
    return sorted(_terms_by_slug().values(), key=lambda term: term.term.lower())


def term(slug):
    return _terms_by_slug().get(slug)
