"""Terms in the visitor's language, falling back to the default language's term while a translation is missing."""

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from pages import content_version

from .models import GlossaryTerm


def _active():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:  # a language without a locale row yet: the default language's terms
        return Locale.get_default()


def terms_in_language():
    active = _active()
    terms = {term.slug: term for term in GlossaryTerm.objects.filter(locale=Locale.get_default())}
    if active.pk != Locale.get_default().pk:
        terms.update({term.slug: term for term in GlossaryTerm.objects.filter(locale=active)})
    return sorted(terms.values(), key=lambda term: term.term.lower())


def term(slug):
    return terms_by_slug().get(slug)


def terms_by_slug():
    """Every term in the visitor's language, by slug, read once into the shared cache under the content
    version: a profile shows a dozen terms, and asking the database for each cost three queries."""
    key = content_version.cache_key("glossary-terms", translation.get_language())
    terms = cache.get(key)
    if terms is None:
        terms = {term.slug: term for term in terms_in_language()}
        cache.set(key, terms)
    return terms
