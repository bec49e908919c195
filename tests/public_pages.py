"""The public pages that the accessibility, HTML and page-weight checks visit, in every language.

Each entry names a page and says how to find its address on the demo data (`load_demo_data`), for
one language. Add a page here and every check visits it."""

from django.urls import reverse
from django.utils import translation

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
)
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from pages.models import HomePage
from selfassessment.published import published_reports

LANGUAGES = ["ky", "ru", "en"]


def _in(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("pk")


def _home(language):
    return _in(HomePage, language).get().url


def _directory(language):
    # A text search and two filters, so facets, chips and highlighted snippets all show.
    return _in(InstitutionIndexPage, language).get().url + "?q=Bishkek&region=bishkek&type=general-school"


def _directory_choosing(language):
    # Two institutions chosen for comparison: the comparison bar and the "chosen" cards show.
    ids = ",".join(str(pk) for pk in _in(InstitutionPage, language).values_list("pk", flat=True)[:2])
    return _in(InstitutionIndexPage, language).get().url + f"?compare={ids}"


def _profile(language):
    return _in(InstitutionPage, language).exclude(logo=None).exclude(latitude=None).first().url


def _programme(language):
    return _in(ProgrammePage, language).first().url


def _transparency(language):
    with translation.override(language):
        return reverse("transparency")


def _compare(language):
    ids = ",".join(str(pk) for pk in _in(InstitutionPage, "ky").values_list("pk", flat=True)[:3])
    with translation.override(language):
        return reverse("compare") + f"?ids={ids}"


def _decisions(language):
    # Filtered, so the filter form, chips and download links all show.
    return _in(DecisionIndexPage, language).get().url + "?outcome=accredited"


def _decision(language):
    # One with shortcomings: the remediation block shows too.
    return _in(AccreditationDecisionPage, language).exclude(shortcomings="").first().url


def _documents(language):
    return _in(MinistryDocumentIndexPage, language).get().url


def _document(language):
    return _in(MinistryDocumentPage, language).first().url


def _report(language):
    with translation.override(language):
        return reverse("selfassessment-report", args=[published_reports().order_by("pk").first().pk])


def _report_compare(language):
    # Two published reports of the same year, criterion by criterion.
    first = published_reports().order_by("pk").first()
    second = published_reports().filter(year=first.year).exclude(pk=first.pk).order_by("pk").first()
    with translation.override(language):
        return reverse("selfassessment-compare") + f"?report={first.pk}&report={second.pk}"


def _glossary(language):
    with translation.override(language):
        return reverse("glossary")


PAGES = {
    "home": _home,
    "directory": _directory,
    "directory-choosing": _directory_choosing,
    "profile": _profile,
    "programme": _programme,
    "transparency": _transparency,
    "compare": _compare,
    "decisions": _decisions,
    "decision": _decision,
    "documents": _documents,
    "document": _document,
    "report": _report,
    "report-compare": _report_compare,
    "glossary": _glossary,
}


def page_url(name, language):
    return PAGES[name](language)


def every_page():
    """(page name, language) pairs for pytest.mark.parametrize."""
    return [(name, language) for language in LANGUAGES for name in PAGES]
