"""Downloads of a directory selection (/<lang>/institutions/download/?format=csv&<the directory's filters>)."""

from datetime import date
from urllib.parse import urlencode

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from accreditation.status import Status, statuses_for
from core import content_version
from core.downloads import FORMATS, Export, download_response
from institutions.models import InstitutionPage
from search.query import parse_query
from search.vocabulary import vocabulary_for
from transparency.history import HISTORY_COLUMNS, history_rows
from transparency.score import scores_by_id

from .selection import MAX_DOWNLOAD_ROWS, whole_selection

# Plain column names, the same in every language, so scripts can rely on them.
COLUMNS = (
    "id",
    "name",
    "short_name",
    "registry_code",
    "type",
    "ownership",
    "region",
    "district",
    "address",
    "latitude",
    "longitude",
    "phones",
    "fax",
    "email",
    "website",
    "year_founded",
    "head_name",
    "transparency_score",
    "accreditation_status",
    "accredited_until",
    "url",
)


@require_GET
def directory_download(request):
    download = request.GET.get("format", "csv")
    if download not in FORMATS:
        return HttpResponseBadRequest(
            _("Unknown download format “%(value)s”; use csv, xlsx or json.") % {"value": download[:20]},
            content_type="text/plain; charset=utf-8",
        )
    locale = Locale.get_active()
    filename = f"institutions-{locale.language_code}-{date.today():%Y-%m-%d}"

    def build():
        query, result = whole_selection(request.GET, locale)
        rows = directory_rows(request, [hit.page for hit in result.hits])
        meta = {
            "language": locale.language_code,
            "filters": query.as_params(),
            "notes": [str(note) for note in result.notes],
            "total": result.total,
        }
        # An answer from the fallback engine is not kept: the main engine may be back next time.
        cut = f"-first-{MAX_DOWNLOAD_ROWS}" if result.total > MAX_DOWNLOAD_ROWS else ""
        pages = [hit.page for hit in result.hits]
        return Export(
            {"institutions": (COLUMNS, rows), "history": (HISTORY_COLUMNS, history_rows(pages))},
            csv_table="institutions",
            meta=meta,
            name_suffix=cut,
            cacheable=not result.fallback_reason,
        )

    # The query as the search reads it (the accepted filters, cleaned words, notes on dropped values),
    # so a reordered or irrelevant parameter is served from the cache.
    query = parse_query(request.GET, vocabulary_for(locale).known_values())
    key = content_version.cache_key(
        "directory-download",
        locale.pk,
        request.build_absolute_uri("/"),
        query.text,
        query.signature(),
        [str(note) for note in query.notes],
    )
    return download_response(download, filename, build, cache_key=key)


def directory_rows(request, pages):
    """One row per institution, in COLUMNS order."""
    scores = scores_by_id(InstitutionPage.objects.filter(id__in=[page.id for page in pages]))
    statuses = statuses_for(pages) if pages else {}
    rows = []
    for page in pages:
        status = statuses.get(page.pk, Status("none"))
        rows.append(
            (
                str(page.translation_key),
                page.title,
                page.short_name,
                page.registry_code,
                page.institution_type.name,
                str(page.get_ownership_display()),
                page.region.name,
                page.district.name if page.district else "",
                page.address,
                None if page.latitude is None else float(page.latitude),
                None if page.longitude is None else float(page.longitude),
                page.phones,
                page.fax,
                page.email,
                page.website,
                page.year_founded,
                page.head_name,
                scores.get(page.id),
                str(status.label),
                status.until.isoformat() if status.until else None,
                page.get_full_url(request),
            )
        )
    return rows


def download_links(query):
    """Links to download the current selection, for the directory page (the filters, without the page)."""
    params = {key: value for key, value in query.as_params().items() if key != "page"}
    base = reverse("institutions-download")
    return [
        {"label": label, "format": download, "url": f"{base}?{urlencode({'format': download, **params})}"}
        for download, label in (("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON"))
    ]
