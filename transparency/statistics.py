"""National transparency statistics: averages by region, district and type, and the extremes."""

from collections import defaultdict
from datetime import date

from wagtail.models import Locale

from core.visibility import visible
from institutions.models import InstitutionPage

from .score import scored_rows

ROW_FIELDS = (
    "title",
    "region_id",
    "region__name",
    "region__sort_order",
    "district_id",
    "district__name",
    "institution_type_id",
    "institution_type__name",
    "institution_type__sort_order",
)
EXTREMES = 10


def institutions_of(locale):
    """The institutions the index covers: the pages a visitor may see, in one language."""
    return visible(InstitutionPage.objects.all(), locale)


def average(scores):
    return round(sum(scores) / len(scores), 1) if scores else None


def _grouped(rows, key, describe):
    """Rows grouped by key(row): [{...describe(row), "institutions": n, "average": x}], in key order."""
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    result = []
    for group_rows in groups.values():
        scores = [row["score"] for row in group_rows]
        result.append({**describe(group_rows[0]), "institutions": len(scores), "average": average(scores)})
    return result


def transparency_statistics(locale=None, today=None):
    locale = locale or Locale.get_active()
    rows = scored_rows(institutions_of(locale), extra_fields=ROW_FIELDS, today=today or date.today())
    by_region = _grouped(
        rows,
        lambda r: r["region_id"],
        lambda r: {"region": r["region__name"], "order": (r["region__sort_order"], r["region__name"])},
    )
    by_district = _grouped(
        rows,
        lambda r: (r["region_id"], r["district_id"]),
        lambda r: {
            "region": r["region__name"],
            "district": r["district__name"] or "",
            "order": (r["region__sort_order"], r["region__name"], r["district__name"] or ""),
        },
    )
    by_type = _grouped(
        rows,
        lambda r: r["institution_type_id"],
        lambda r: {
            "institution_type": r["institution_type__name"],
            "order": (r["institution_type__sort_order"], r["institution_type__name"]),
        },
    )
    for groups in (by_region, by_district, by_type):
        groups.sort(key=lambda group: group["order"])
    return {
        "rows": rows,
        "institutions": len(rows),
        "national_average": average([row["score"] for row in rows]),
        "by_region": by_region,
        "by_district": by_district,
        "by_type": by_type,
        "most_complete": sorted(rows, key=lambda r: (-r["score"], r["title"], r["id"]))[:EXTREMES],
        "least_complete": sorted(rows, key=lambda r: (r["score"], r["title"], r["id"]))[:EXTREMES],
    }


# The tables export_tables returns, in order (a CSV download holds one of them).
EXPORT_TABLE_NAMES = ("summary", "regions", "districts", "types", "institutions")


def export_tables(stats):
    """The page's data as plain tables with stable column names (the same in every language)."""
    item_keys = [item.key for item in stats["rows"][0]["items"]] if stats["rows"] else []

    def status(item):
        return "missing" if not item.present else ("fresh" if item.fresh else "stale")

    return {
        "summary": (
            ["institutions", "national_average_score"],
            [[stats["institutions"], stats["national_average"]]],
        ),
        "regions": (
            ["region", "institutions", "average_score"],
            [[g["region"], g["institutions"], g["average"]] for g in stats["by_region"]],
        ),
        "districts": (
            ["region", "district", "institutions", "average_score"],
            [[g["region"], g["district"], g["institutions"], g["average"]] for g in stats["by_district"]],
        ),
        "types": (
            ["institution_type", "institutions", "average_score"],
            [[g["institution_type"], g["institutions"], g["average"]] for g in stats["by_type"]],
        ),
        "institutions": (
            ["id", "name", "institution_type", "region", "district", "score", *item_keys],
            [
                [
                    row["id"],
                    row["title"],
                    row["institution_type__name"],
                    row["region__name"],
                    row["district__name"] or "",
                    row["score"],
                    *[status(item) for item in row["items"]],
                ]
                for row in sorted(stats["rows"], key=lambda r: r["id"])
            ],
        ),
    }
