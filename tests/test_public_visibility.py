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
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from pypdf import PdfReader
from wagtail.models import Locale, Page, PageViewRestriction

from accreditation.models import AccreditationDecisionPage
from institutions.models import InstitutionLicence, ProgrammeEnrolment
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report
from similar.compute import refresh_similar

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
    make_document,
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
        parent=directory,
        title="Zanzibarqx колледжи",
        short_name="Zanzibarqx",
        mission="<p>Zanzibarqx mission text.</p>",
        district=public.district,
        region=public.region,
        institution_type=public.institution_type,
        latitude="42.875000",
        longitude="74.600000",
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
        parent=register,
        title="Wombatqx чечими",
        institution=public,
        shortcomings="<p>Wombatqx shortcomings.</p>",
        decision_date=date.today() - timedelta(days=3),
    )
    AccreditationDecisionPageFactory(parent=register, title="Ачык чечим", institution=public)
    hidden_document = MinistryDocumentPageFactory(
        parent=documents, title="Narwhalqx буйругу", number="N-1", date=date.today(), body="<p>Narwhalqx body.</p>"
    )
    ProgrammeEnrolment.objects.create(programme=hidden_programme, year=date.today().year - 1, learners=7)

    def published_report(institution, conclusion):
        report = create_report(institution, date.today().year - 1)
        report.status = SelfAssessmentReport.Status.ACCEPTED
        report.published = True
        report.conclusion = conclusion
        report.save()
        return report

    reports = [published_report(hidden, "Axolotlqx conclusion.")]
    # A Russian version made before the restriction: the restriction set later in Kyrgyz hides it too.
    ru_hidden = hidden.copy_for_translation(Locale.objects.get(language_code="ru"), copy_parents=True)
    ru_hidden.title = "Zanzibarqx колледж"
    ru_hidden.save_revision().publish()
    # Similar lists stored while the hidden institution was public: the profile must still leave it out.
    refresh_similar()

    restrictions = [
        restrict(hidden),
        restrict(hidden_programme, PageViewRestriction.LOGIN),
        restrict(hidden_decision, PageViewRestriction.LOGIN),
        restrict(hidden_document, PageViewRestriction.LOGIN),
    ]
    # Made after the restrictions: the copy of the profile leaves out the private programme and decision
    # (a report is a dated snapshot; one accepted earlier keeps what was public then).
    reports.append(published_report(public, "Ачык корутунду."))
    items = [
        hidden,
        hidden_programme_of_hidden,
        hidden_programme,
        about_hidden,
        hidden_decision,
        hidden_document,
        ru_hidden,
    ]
    return {
        "items": items,
        "restrictions": restrictions,
        "reports": reports,
        "ints": sorted({page.pk for page in items} | {r.pk for r in reports} | {r.pk for r in restrictions}),
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
        # An untyped segment (django-ninja's `<institution_id>`) takes slugs and UUIDs alike.
        choices = {"int": values["ints"], "uuid": values["uuids"]}.get(kind, values["slugs"] + values["uuids"])
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
    # A redirect shows nothing but where it goes; its target is asked for in its own right.
    text = response.get("Location", "") if response.status_code in (301, 302) else _texts(response)
    return [marker for marker in MARKERS if marker in text.lower()], response.status_code


def _walk(client, values):
    """[(route, url, status, markers found)] for every public URL the URLconf and the page tree give."""
    requests = []  # (route, url)
    for route in _public_patterns():
        filled = _fill(route, values)
        for path in filled:
            for language in LANGUAGES:
                url = "/" + path.replace("{lang}", language)
                # A route that takes an id is asked about every item once; a list with every query.
                queries = [""] if path != route else list(_queries(values))
                requests += [(route, url + query) for query in queries]
    # Wagtail's tree, page by page, restricted pages and the decision's evidence route included.
    for page in Page.objects.live().specific():
        url = page.get_url()
        if url:
            requests += [("page", url + query) for query in _queries(values)]
            if isinstance(page, AccreditationDecisionPage):
                requests.append(("evidence", url + "evidence/"))
    records = []
    for route, url in dict.fromkeys(requests):
        found, status = _leaks(client, url)
        assert status < 500, f"{url} answered {status}"
        records.append((route, url, status, found))
    return records


def _leak_lines(records):
    return [f"{url}: {', '.join(found)}" for _route, url, _status, found in records if found]


@pytest.mark.parametrize("engine", ["database", "elasticsearch"])
def test_no_public_route_shows_restricted_content(client, secrets, request, engine):
    if engine == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)
    records = _walk(client, secrets)
    leaks = _leak_lines(records)
    assert not leaks, "Restricted content on public routes:\n" + "\n".join(leaks[:40])
    visited = [url for _route, url, _status, _found in records]
    # The walk reached every kind of public route (a guard against a walk that silently shrinks).
    for expected in (
        "/search/suggest/",
        "/compare/",
        "/transparency/",
        "/not-translated/",
        "/feeds/decisions/",
        "/feeds/documents/",
        "/institutions/download/",
        "/self-assessment/",
        "/api/v1/institutions",
        "/api/v1/decisions",
        "/sitemap.xml",
        "evidence/",
    ):
        assert any(expected in url for url in visited), expected


def test_the_walk_sees_what_the_public_may_see_and_the_cache_forgets_it(
    client, secrets, settings, django_capture_on_commit_callbacks
):
    """With the restrictions lifted the same walk finds every marker, and each route that takes an id
    answers for some item (so the walk cannot silently go blind). With a real cache warmed by that walk,
    restricting the items again hides them at once: nothing is served from a stale cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "walk"}}
    kept = [(r.page_id, r.restriction_type) for r in secrets["restrictions"]]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.all().delete()
    records = _walk(client, secrets)
    found = {marker for _route, _url, _status, markers in records for marker in markers}
    assert found == set(MARKERS)
    blind = {route for route, *_ in records if route.count("<")} - {
        route for route, _url, status, markers in records if status == 200 or markers
    }
    # Wagtail's password form exists only while a restriction does; the alerts' links take a signed
    # token, not an item (tests/test_alerts.py follows them).
    assert blind <= {r for r in blind if "authenticate_with_password" in r or "<str:token>" in r}, blind

    # Committed, as the admin's privacy form commits it: the content version moves on with the commit.
    with django_capture_on_commit_callbacks(execute=True):
        for page_id, kind in kept:
            PageViewRestriction.objects.create(page_id=page_id, restriction_type=kind, password="x")
    leaks = _leak_lines(_walk(client, secrets))
    assert not leaks, "Restricted content served from the cache:\n" + "\n".join(leaks[:40])


def test_files_of_hidden_pages_are_not_served(client, secrets, world):
    """A commission's conclusion and a ministry document's file follow the pages that publish them."""
    hidden_decision = next(p for p in secrets["items"] if p.title.startswith("Wombatqx"))
    about_hidden = next(p for p in secrets["items"] if p.title.startswith("Quokkaqx"))
    public_decision = AccreditationDecisionPage.objects.get(title="Ачык чечим")
    hidden_document = next(p for p in secrets["items"] if p.title.startswith("Narwhalqx"))
    files = {}
    for name, page in (("hidden", hidden_decision), ("about", about_hidden), ("public", public_decision)):
        page.conclusion = make_document(f"{name}-conclusion.pdf")
        page.save_revision().publish()
        files[name] = page.conclusion
    files["document"] = make_document("narwhal.pdf")
    hidden_document.files.create(document=files["document"])
    hidden_document.save_revision().publish()

    def status(document):
        return client.get(document.url).status_code

    assert status(files["public"]) == 200
    assert status(files["hidden"]) == 404
    assert status(files["about"]) == 404
    assert status(files["document"]) == 404
    PageViewRestriction.objects.all().delete()
    assert status(files["hidden"]) == 200 and status(files["document"]) == 200
