"""The transparency index (/transparency/) and the side-by-side comparison (/compare/)."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from accreditation.status import statuses_for
from core import content_version
from core.downloads import FORMATS as DOWNLOAD_FORMATS
from core.downloads import Export, download_response
from core.visibility import restricted_paths, visible
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from taxonomy.models import District

from .charts import bar_chart
from .score import FRESH_DAYS, checklist_for_page, score_from_items
from .selection import MAX_COMPARED, CompareSelection, parse_ids
from .statistics import EXPORT_TABLE_NAMES, export_tables, transparency_statistics

MAX_IDS_READ = 20  # more numbers than this in the address are not even looked up


def transparency_index(request):
    locale = Locale.get_active()
    today = date.today()
    download = request.GET.get("format")
    if download in DOWNLOAD_FORMATS:
        return _download(download, request.GET.get("table"), locale, today)
    stats = transparency_statistics(locale, today)

    def score_chart(chart_id, title, groups):
        return bar_chart(
            chart_id,
            title,
            _("Average transparency score from 0 to 100; the same numbers are in the table below the chart."),
            groups,
            max_value=100,
            decimal_pos=1,
        )

    charts = {
        "region": score_chart(
            "chart-region",
            _("Average score by region"),
            [(group["region"], [group["average"]]) for group in stats["by_region"]],
        ),
        "district": score_chart(
            "chart-district",
            _("Average score by district"),
            [
                (f"{group['district'] or _('no district')} ({group['region']})", [group["average"]])
                for group in stats["by_district"]
            ],
        ),
        "type": score_chart(
            "chart-type",
            _("Average score by institution type"),
            [(group["institution_type"], [group["average"]]) for group in stats["by_type"]],
        ),
    }
    # Only the listed extremes need a URL: at most 20 pages, read in one query.
    listed = {row["id"] for row in stats["most_complete"] + stats["least_complete"]}
    urls = {page.pk: page.get_url(request) for page in visible(Page.objects.filter(pk__in=listed))}
    for row in stats["most_complete"] + stats["least_complete"]:
        row["url"] = urls.get(row["id"])
    base = request.path
    downloads = [
        {"label": _("All data (XLSX)"), "url": f"{base}?format=xlsx"},
        {"label": _("All data (JSON)"), "url": f"{base}?format=json"},
        {"label": _("Institutions (CSV)"), "url": f"{base}?format=csv&table=institutions"},
        {"label": _("Regions (CSV)"), "url": f"{base}?format=csv&table=regions"},
        {"label": _("Districts (CSV)"), "url": f"{base}?format=csv&table=districts"},
        {"label": _("Institution types (CSV)"), "url": f"{base}?format=csv&table=types"},
    ]
    return render(
        request,
        "transparency/index.html",
        {"stats": stats, "charts": charts, "downloads": downloads, "fresh_days": FRESH_DAYS, "today": today},
    )


def _download(download, table, locale, today):
    filename = f"transparency-{locale.language_code}-{today:%Y-%m-%d}"
    csv_table = table if table in EXPORT_TABLE_NAMES else "institutions"

    def build():
        stats = transparency_statistics(locale, today)
        meta = {
            "language": locale.language_code,
            "date": today.isoformat(),
            "fresh_days": FRESH_DAYS,
            "institutions_count": stats["institutions"],
            "national_average_score": stats["national_average"],
        }
        return Export(
            export_tables(stats),
            csv_table=csv_table,
            meta=meta,
            json_tables=("regions", "districts", "types", "institutions"),
        )

    # Only the table a CSV holds matters; any other parameter is ignored, so it does not miss the cache.
    key = content_version.cache_key("transparency-download", locale.pk, csv_table if download == "csv" else "")
    return download_response(download, filename, build, cache_key=key)


def compare(request):
    raw = request.GET.get("ids", "")
    ids, invalid = parse_ids(raw)
    problems = []
    if invalid:
        problems.append(
            _("These are not institution numbers and were left out: %(values)s.")
            % {"values": ", ".join(f"“{value[:40]}”" for value in invalid[:MAX_IDS_READ])}
        )
    if len(ids) > MAX_IDS_READ:
        ids = ids[:MAX_IDS_READ]
    found = _institutions_in_language(ids, Locale.get_active())
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        problems.append(_("No published institution has the number %(numbers)s.") % {"numbers": ", ".join(unknown)})
    institutions = [found[pk] for pk in ids if pk in found]
    if len(institutions) > MAX_COMPARED:
        problems.append(
            _("At most %(max)s institutions can be compared at a time; the first %(max)s are shown.")
            % {"max": MAX_COMPARED}
        )
        institutions = institutions[:MAX_COMPARED]
    if len(institutions) < 2:
        problems.append(
            _("Choose at least 2 institutions to compare: use “Add to comparison” in the directory or on a profile.")
        )
    columns = _columns(request, institutions)
    shown_ids = [column["page"].pk for column in columns]
    for column in columns:
        others = [str(pk) for pk in shown_ids if pk != column["page"].pk]
        column["remove_url"] = f"{request.path}?ids={','.join(others)}"
    disclosure_rows = [
        {"label": item.label, "criteria": item.criteria, "cells": [column["checklist"][index] for column in columns]}
        for index, item in enumerate(columns[0]["checklist"] if columns else [])
    ]
    selection = CompareSelection(tuple(shown_ids))
    directory = visible(InstitutionIndexPage.objects.all(), Locale.get_active()).first()
    directory_url = directory.get_url(request) if directory else None
    return render(
        request,
        "transparency/compare.html",
        {
            "columns": columns,
            # Back to the directory with the choice so far, to add more (not when 4 are shown).
            "directory_url": f"{directory_url}{selection.query}" if directory_url and not selection.full else "",
            "disclosure_rows": disclosure_rows,
            "problems": problems,
            "ids_value": ",".join(str(pk) for pk in shown_ids) or raw[:200],
            "max_compared": MAX_COMPARED,
        },
    )


def _institutions_in_language(ids, locale):
    """{requested id: live institution}, taking the current language's translation where one exists."""
    if not ids:
        return {}
    paths = restricted_paths()
    pages = visible(InstitutionPage.objects.filter(pk__in=ids), paths=paths)
    requested = {page.pk: page for page in pages.only("pk", "locale_id", "translation_key")}
    keys = [page.translation_key for page in requested.values() if page.locale_id != locale.pk]
    translated = {
        page.translation_key: page.pk
        for page in visible(InstitutionPage.objects.filter(translation_key__in=keys), locale, paths).only(
            "pk", "translation_key"
        )
    }
    shown_pk = {
        pk: translated.get(page.translation_key, pk) if page.locale_id != locale.pk else pk
        for pk, page in requested.items()
    }
    full = (
        InstitutionPage.objects.filter(pk__in=shown_pk.values())
        .select_related("institution_type", "region", "district")
        .prefetch_related("languages", "media_links")
        # A city without districts (Osh) leaves the district empty: that is not missing data.
        .annotate(region_has_districts=Exists(District.objects.filter(region_id=OuterRef("region_id"))))
    )
    by_pk = {page.pk: page for page in full}
    return {pk: by_pk[shown] for pk, shown in shown_pk.items() if shown in by_pk}


def _columns(request, institutions):
    programmes = {}
    for programme in (
        visible(ProgrammePage.objects.filter(institution__in=[page.pk for page in institutions]))
        .order_by("path")
        .only("pk", "title", "path", "url_path", "institution_id")
    ):
        programmes.setdefault(programme.institution_id, []).append(programme)
    statuses = statuses_for(institutions)  # one query for every column
    columns = []
    for page in institutions:
        checklist = checklist_for_page(page)
        columns.append(
            {
                "page": page,
                "url": page.get_url(request),
                "checklist": checklist,
                "score": score_from_items(checklist),
                "programmes": programmes.get(page.pk, []),
                "languages": list(page.languages.all()),
                "accreditation": statuses.get(page.pk),
            }
        )
    return columns
