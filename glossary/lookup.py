"""Terms in the visitor's language, falling back to the default language's term while a translation is missing."""

from wagtail.models import Locale

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
    active = _active()
    found = {t.locale_id: t for t in GlossaryTerm.objects.filter(slug=slug, locale__in={active.pk, Locale.get_default().pk})}
    return found.get(active.pk) or found.get(Locale.get_default().pk)
