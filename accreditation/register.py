"""The public register (/decisions/): filters from GET parameters, pagination and downloads.

A filter value that is not valid is dropped and the page says so; it never causes an error page.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext as _

from core import content_version
from core.downloads import FORMATS, Export
from core.downloads import download_response as file_response
from core.visibility import visible
from taxonomy.models import District, Region

from .dates import EXPIRING_SOON_DAYS
from .models import AccreditationDecisionPage, with_remediation_flags

PER_PAGE = 25
FILTERS = ("region", "district", "outcome", "kind", "year", "expiring")


@dataclass
class Selection:
    decisions: object  # queryset
    filters: dict = field(default_factory=dict)  # name → accepted value
    notes: list = field(default_factory=list)  # what was dropped and why


def published_decisions():
    """Live decisions outside private sections (pages with a view restriction, or under one), and
    not about an institution in one."""
    return visible(AccreditationDecisionPage.objects.all())


def decisions_in(locale):
    return (
        with_remediation_flags(published_decisions().filter(locale=locale))
        .select_related("institution", "institution__region", "institution__district", "conclusion")
        .order_by("-decision_date", "-pk")
    )


def register_selection(params, locale, today=None):
    today = today or date.today()
    decisions = decisions_in(locale)
    selection = Selection(decisions)

    def drop(name, value):
        selection.notes.append(
            _("The filter “%(name)s” had a value that is not valid (“%(value)s”); it was ignored.")
            % {"name": filter_labels()[name], "value": value[:40]}
        )

    region = params.get("region", "").strip()
    if region:
        if Region.objects.filter(slug=region).exists():
            decisions = decisions.filter(institution__region__slug=region)
            selection.filters["region"] = region
        else:
            drop("region", region)
    district = params.get("district", "").strip()
    if district:
        if District.objects.filter(slug=district).exists():
            decisions = decisions.filter(institution__district__slug=district)
            selection.filters["district"] = district
        else:
            drop("district", district)
    for name, choices in (("outcome", AccreditationDecisionPage.Outcome), ("kind", AccreditationDecisionPage.Kind)):
        value = params.get(name, "").strip()
        if value:
            if value in choices.values:
                decisions = decisions.filter(**{name: value})
                selection.filters[name] = value
            else:
                drop(name, value)
    year = params.get("year", "").strip()
    if year:
        if year.isdigit() and 1991 <= int(year) <= today.year:
            decisions = decisions.filter(decision_date__year=int(year))
            selection.filters["year"] = year
        else:
            drop("year", year)
    expiring = params.get("expiring", "").strip()
    if expiring:
        if expiring == "1":
            decisions = decisions.exclude(outcome=AccreditationDecisionPage.Outcome.REFUSED).filter(
                valid_until__gte=today, valid_until__lte=today + timedelta(days=EXPIRING_SOON_DAYS)
            )
            selection.filters["expiring"] = "1"
        else:
            drop("expiring", expiring)
    selection.decisions = decisions
    return selection


def filter_labels():
    return {
        "region": _("Region"),
        "district": _("District"),
        "outcome": _("Outcome"),
        "kind": _("Kind"),
        "year": _("Year"),
        "expiring": _("Expires within 90 days"),
    }


def register_context(request, index_page, today=None):
    today = today or date.today()
    selection = register_selection(request.GET, index_page.locale, today)
    paginator = Paginator(selection.decisions, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if request.GET.get("page") and str(page.number) != request.GET.get("page"):
        selection.notes.append(
            _("There is no such page of results; showing page %(number)s.") % {"number": page.number}
        )
    rows = [{"decision": decision, "remediation": decision.remediation_status(today)} for decision in page.object_list]
    params = dict(selection.filters)

    def url_with(**changes):
        query = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
        return "?" + urlencode(query) if query else "?"

    regions = Region.objects.filter(locale=index_page.locale).order_by("sort_order", "name")
    districts = District.objects.filter(locale=index_page.locale).order_by("name")
    if "region" in selection.filters:
        districts = districts.filter(region__slug=selection.filters["region"])
    # The distinct dates, not .dates(…, "year"): SQLite truncates each row's date in a Python function.
    decision_dates = published_decisions().filter(locale=index_page.locale).order_by().values_list("decision_date")
    years = sorted({day.year for (day,) in decision_dates.distinct()}, reverse=True)
    return {
        "selection": selection,
        "rows": rows,
        "page_obj": page,
        "filters": selection.filters,
        "regions": regions,
        "districts": districts,
        "years": years,
        "outcomes": AccreditationDecisionPage.Outcome.choices,
        "kinds": AccreditationDecisionPage.Kind.choices,
        "previous_url": url_with(page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": url_with(page=page.next_page_number()) if page.has_next() else "",
        "download_urls": {fmt: url_with(format=fmt) for fmt in FORMATS},
    }


def one_version_each(decisions, locale_id):
    """One version per decision (translation key), the one in `locale_id` where there is one, else
    any (the source language's); newest first. For an institution's history in its own language."""
    chosen = {}
    for decision in decisions:
        current = chosen.get(decision.translation_key)
        if current is None or (decision.locale_id == locale_id and current.locale_id != locale_id):
            chosen[decision.translation_key] = decision
    return sorted(chosen.values(), key=lambda d: (d.decision_date, d.pk), reverse=True)


# Plain column names, the same in every language and in every format (CSV and XLSX headers, JSON
# keys), so scripts can rely on them; as in the directory downloads (api.downloads).
COLUMNS = (
    "id",
    "number",
    "decision_date",
    "institution_id",
    "institution",
    "region",
    "district",
    "latitude",
    "longitude",
    "kind",
    "outcome",
    "valid_from",
    "valid_until",
    "remediation_due",
    "remediation",
    "url",
)


def _iso(value):
    return value.isoformat() if value else None


def _float(value):
    return None if value is None else float(value)


def download_rows(decisions, request=None, today=None):
    """One row per decision, in COLUMNS order; the institution's columns are empty once its page is gone."""
    today = today or date.today()
    for decision in decisions:
        institution = decision.institution
        yield (
            str(decision.translation_key),
            decision.number,
            decision.decision_date.isoformat(),
            str(institution.translation_key) if institution else None,
            decision.display_institution,
            institution.region.name if institution else None,
            institution.district.name if institution and institution.district else None,
            _float(institution.latitude) if institution else None,
            _float(institution.longitude) if institution else None,
            str(decision.get_kind_display()),
            str(decision.get_outcome_display()),
            _iso(decision.valid_from),
            _iso(decision.valid_until),
            _iso(decision.remediation_due),
            str(decision.Remediation(decision.remediation_status(today)).label),
            decision.get_full_url(request),
        )


def download_response(fmt, selection, request=None):
    """The register's selection as a file; the same columns in every format and language.

    Cached under the content version and the accepted filters (with the notes on dropped ones), so
    a reordered or irrelevant query string is served from the cache.
    """
    language = translation.get_language()
    filename = f"accreditation-decisions-{language}-{date.today():%Y-%m-%d}"

    def build():
        rows = list(download_rows(selection.decisions, request))
        meta = {
            "language": language,
            "filters": selection.filters,
            "notes": [str(note) for note in selection.notes],
            "total": len(rows),
        }
        return Export({"decisions": (COLUMNS, rows)}, meta=meta)

    key = content_version.cache_key(
        "register-download",
        language,
        request.build_absolute_uri("/") if request else "",
        sorted(selection.filters.items()),
        [str(note) for note in selection.notes],
    )
    return file_response(fmt, filename, build, cache_key=key)
