"""No restricted content on any public route: the URLconf is walked, not a hand-written list.

One restricted item of each kind (institution, programme, decision, ministry document, report, and
a public decision about the restricted institution) carries a marker word in its title and text.
Every public URL pattern is requested with the ids, slugs and UUIDs of those items, in every
language, with a search for the markers and in every download format; the Wagtail tree is walked
page by page. No answer may contain a marker: not in HTML, JSON, CSV, XLSX, Atom or PDF.
"""

import io
import re
from datetime import date, timedelta
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from pypdf import PdfReader
from wagtail.models import Page, PageViewRestriction

from accreditation.models import AccreditationDecisionPage
from institutions.models import InstitutionLicence
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report
from similar.compute import refresh_similar

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
)
from .factories import InstitutionPageFactory, ProgrammePageFactory

LANGUAGES = ("ky", "ru", "en")
MARKERS = ("zanzibarqx", "quokkaqx", "wombatqx", "narwhalqx", "okapiqx", "axolotlqx")
# Not walked, with the reason: the admin is behind a login; Wagtail's document files are governed
# by collection privacy, not by the pages that link them (tests/test_roles_access.py covers them).
SKIPPED_PREFIXES = ("admin/", "documents/")
DOWNLOAD_FORMATS = ("csv", "xlsx", "json")


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")


@pytest.fixture
def secrets(home, directory, world):
    """Public data around one restricted item of each kind; returns the items and the walk's values."""
    public = world["college"]
    register = DecisionIndexPageFactory(parent=home)
    documents = MinistryDocumentIndexPageFactory(parent=home)
    MinistryDocumentPageFactory(parent=documents, title="Буйрук 1482/1", number="1482/1", date=date(2021, 8, 27))

    hidden = InstitutionPageFactory(
        parent=directory, title="Zanzibarqx колледжи", short_name="Zanzibarqx",
        mission="<p>Zanzibarqx mission text.</p>", district=public.district, region=public.region,
        institution_type=public.institution_type, latitude="42.875000", longitude="74.600000",
    )
    licence = InstitutionLicence.objects.create(
        institution=hidden, number="LS-9", issued_on=date(2020, 1, 1), issuer="Министрлик", programmes="Zanzibarqx"
    )
    hidden_programme_of_hidden = ProgrammePageFactory(parent=hidden, title="Zanzibarqx программасы", licence=licence)
    hidden_programme = ProgrammePageFactory(parent=public, title="Okapiqx программасы")
    about_hidden = AccreditationDecisionPageFactory(
        parent=register, title="Quokkaqx чечими", institution=hidden, shortcomings="<p>Quokkaqx shortcomings.</p>"
    )
    hidden_decision = AccreditationDecisionPageFactory(
        parent=register, title="Wombatqx чечими", institution=public, shortcomings="<p>Wombatqx shortcomings.</p>",
        decision_date=date.today() - timedelta(days=3),
    )
    AccreditationDecisionPageFactory(parent=register, title="Ачык чечим", institution=public)
    hidden_document = MinistryDocumentPageFactory(
        parent=documents, title="Narwhalqx буйругу", number="N-1", date=date.today(), body="<p>Narwhalqx body.</p>"
    )
    report = create_report(hidden, date.today().year - 1)
    report.status = SelfAssessmentReport.Status.ACCEPTED
    report.published = True
    report.conclusion = "Axolotlqx conclusion."
    report.save()

    # Similar lists stored while the hidden institution was public: the profile must still leave it out.
    refresh_similar()
    restrict(hidden)
    restrict(hidden_programme, PageViewRestriction.LOGIN)
    restrict(hidden_decision, PageViewRestriction.LOGIN)
    restrict(hidden_document, PageViewRestriction.LOGIN)

    items = [hidden, hidden_programme_of_hidden, hidden_programme, about_hidden, hidden_decision, hidden_document]
    return {
        "items": items,
        "report": report,
        "ints": sorted({page.pk for page in items} | {report.pk} | set(PageViewRestriction.objects.values_list("pk", flat=True))),
        "slugs": sorted({page.slug for page in items} | {public.region.slug, "ky", "ru", "en"}),
        "uuids": sorted({str(page.translation_key) for page in items}),
    }


# The URLconf, flattened ------------------------------------------------------------------------


def _public_patterns(resolver=None, prefix=""):
    """(route text, converter names in order) of every URL pattern outside the skipped prefixes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part = "{lang}/"
        elif isinstance(pattern, RoutePattern):
            part = str(pattern._route)
        else:
            part = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
        route = prefix + part
        if any(route.startswith(skipped) for skipped in SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from _public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<\w+>[^)]*\)|\([^)]*\)")
CATCH_ALL = "((?:[\\w\\-]+/)*)"  # Wagtail's page serving: walked page by page instead


def _fill(route, values):
    """Every concrete path for a route, with each converter taking each candidate value."""
    if CATCH_ALL in route:
        return []
    slots = list(CONVERTER.finditer(route))
    paths = [route]
    for slot in slots:
        kind = slot.group(1) or ("int" if "\\d" in slot.group(0) else "str")
        choices = {"int": values["ints"], "uuid": values["uuids"]}.get(kind, values["slugs"])
        paths = [path.replace(slot.group(0), str(choice), 1) for path in paths for choice in choices]
    return [path.replace("\\.", ".").replace("\\", "") for path in paths]


def _texts(response):
    """What a person could read in an answer, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    if "pdf" in kind:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


def _queries(values):
    """No parameters; a search for the markers (any spelling) with the ids chosen for comparison;
    every download format of the same selection (with the transparency index's full table)."""
    ids = ",".join(map(str, values["ints"]))
    search = {"ids": ids, "compare": ids}
    yield ""
    # Prefixes and other spellings of the markers: the page echoes the query, never a marker itself.
    for q in ("zanzibarq", "Занзибарк", "okapiq"):
        yield "?" + urlencode({**search, "q": q})
    for download in DOWNLOAD_FORMATS:
        yield "?" + urlencode({**search, "q": "zanzibarq", "format": download, "table": "institutions"})


def _leaks(client, url):
    response = client.get(url)
    if response.status_code in (301, 302):
        return [], response.status_code
    text = _texts(response).lower()
    return [marker for marker in MARKERS if marker in text], response.status_code


def _walk(client, values):
    leaks, visited = [], []
    urls, with_ids = [], []
    for route in _public_patterns():
        filled = _fill(route, values)
        for path in filled:
            for language in LANGUAGES:
                # A route that takes an id is asked about every item once; a list with every query.
                (with_ids if path != route else urls).append("/" + path.replace("{lang}", language))
    # Wagtail's tree, page by page, restricted pages and the decision's evidence route included.
    for page in Page.objects.live().specific():
        url = page.get_url()
        if url:
            urls.append(url)
            if isinstance(page, AccreditationDecisionPage):
                urls.append(url + "evidence/")
    requests = [url + query for url in dict.fromkeys(urls) for query in _queries(values)]
    for url in requests + list(dict.fromkeys(with_ids)):
        for query in [""]:
            found, status = _leaks(client, url + query)
            assert status < 500, f"{url + query} answered {status}"
            visited.append(url + query)
            if found:
                leaks.append(f"{url + query}: {', '.join(found)}")
    return leaks, visited


@pytest.mark.parametrize("engine", ["database", "elasticsearch"])
def test_no_public_route_shows_restricted_content(client, secrets, request, engine):
    if engine == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)
    leaks, visited = _walk(client, secrets)
    assert not leaks, "Restricted content on public routes:\n" + "\n".join(leaks[:40])
    # The walk reached every kind of public route (a guard against a walk that silently shrinks).
    for expected in ("/search/suggest/", "/compare/", "/transparency/", "/not-translated/", "/feeds/decisions/",
                     "/feeds/documents/", "/institutions/download/", "/self-assessment/", "/api/v1/institutions",
                     "/api/v1/decisions", "/sitemap.xml", "evidence/"):
        assert any(expected in url for url in visited), expected


def test_the_walk_sees_what_the_public_may_see(client, secrets):
    """The same walk finds the markers once the restrictions are lifted: it can fail."""
    PageViewRestriction.objects.all().delete()
    leaks, _visited = _walk(client, secrets)
    found = {marker for leak in leaks for marker in MARKERS if marker in leak}
    assert found == set(MARKERS)
