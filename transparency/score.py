"""The transparency score: which of the disclosures criteria 1.6, 4.3 and 4.4 require are published, and how fresh.

Pure computation; nothing is stored. Each checklist item is present or missing, and a present item is
fresh when updated within FRESH_DAYS of today, else stale. The score is
round(100 * (fresh items + half the stale items) / number of items), rounding halves up.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from institutions.disclosures import DISCLOSURES
from institutions.models import MediaLink

FRESH_DAYS = 365

# Criterion 4.4 is met through the website and the mass media: the institution's media and news links.
MEDIA_LINKS_KEY = "media_links"
MEDIA_LINKS_LABEL = _("Media and news links")
MEDIA_LINKS_CRITERIA = ("4.4",)

_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    criteria: tuple[str, ...]
    present: bool
    updated: date | None
    fresh: bool

    @property
    def stale(self) -> bool:
        return self.present and not self.fresh

    @property
    def half_points(self) -> int:
        """Points in halves (2 fresh, 1 stale, 0 missing), so the score needs no floats."""
        if not self.present:
            return 0
        return 2 if self.fresh else 1


def has_text(value) -> bool:
    """True when rich text has something besides tags and blanks (a regex: fast on thousands of rows)."""
    if not value:
        return False
    return bool(_TAG.sub("", value).replace("&nbsp;", " ").strip())


def is_fresh(updated: date | None, today: date | None = None) -> bool:
    today = today or date.today()
    return updated is not None and updated >= today - timedelta(days=FRESH_DAYS)


def score_from_items(items) -> int:
    """0–100; round half up of 100 * points / items, done in integers."""
    items = list(items)
    if not items:
        return 0
    half_points = sum(item.half_points for item in items)
    # round(100 * h / (2n)) with halves up == floor((100 h + n) / 2n)
    return (100 * half_points + len(items)) // (2 * len(items))


# (disclosure, text field, updated field, document id field or None), worked out once: read per row.
_DISCLOSURE_COLUMNS = tuple(
    (d, d.field, d.updated_field, f"{d.document_field}_id" if d.document_field else None) for d in DISCLOSURES
)


def checklist_from_values(values: dict, media_link_count: int, media_latest: date | None, today=None) -> list:
    """The checklist from plain values: each disclosure's text, document id and updated date by field name."""
    cutoff = (today or date.today()) - timedelta(days=FRESH_DAYS)
    items = []
    for disclosure, field, updated_field, document_id_field in _DISCLOSURE_COLUMNS:
        present = has_text(values.get(field)) or bool(document_id_field and values.get(document_id_field))
        updated = values.get(updated_field) if present else None
        fresh = updated is not None and updated >= cutoff
        items.append(ChecklistItem(field, disclosure.label, disclosure.criteria, present, updated, fresh))
    # Media links have no "updated" date of their own: the newest link's publication date stands for it.
    media_present = bool(media_link_count)
    media_updated = media_latest if media_present else None
    media_fresh = media_updated is not None and media_updated >= cutoff
    items.append(
        ChecklistItem(
            MEDIA_LINKS_KEY, MEDIA_LINKS_LABEL, MEDIA_LINKS_CRITERIA, media_present, media_updated, media_fresh
        )
    )
    return items


def checklist_for_page(page, today=None) -> list:
    """The checklist of one InstitutionPage (works on previews too: media links may be unsaved rows)."""
    values = {}
    for disclosure in DISCLOSURES:
        values[disclosure.field] = getattr(page, disclosure.field)
        values[disclosure.updated_field] = getattr(page, disclosure.updated_field)
        if disclosure.document_field:
            values[f"{disclosure.document_field}_id"] = getattr(page, f"{disclosure.document_field}_id")
    links = list(page.media_links.all())
    dates = [link.published_on for link in links if link.published_on]
    return checklist_from_values(values, len(links), max(dates) if dates else None, today)


def score_for_page(page, today=None) -> int:
    return score_from_items(checklist_for_page(page, today))


def disclosure_value_fields() -> list[str]:
    fields = []
    for disclosure in DISCLOSURES:
        fields += [disclosure.field, disclosure.updated_field]
        if disclosure.document_field:
            fields.append(f"{disclosure.document_field}_id")
    return fields


def scored_rows(queryset, extra_fields=(), today=None) -> list[dict]:
    """Scores for every institution of the queryset in ONE query.

    Returns a dict per institution: "id", the extra_fields asked for, "items" (the checklist) and
    "score". Media links are counted in subqueries, so the query needs no GROUP BY over text columns.
    """

    links = MediaLink.objects.filter(institution=OuterRef("pk")).order_by().values("institution")
    rows = (
        queryset.order_by()
        .annotate(
            media_link_count=Subquery(links.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            media_latest=Subquery(links.annotate(latest=Max("published_on")).values("latest")),
        )
        .values("id", *extra_fields, *disclosure_value_fields(), "media_link_count", "media_latest")
    )
    today = today or date.today()
    result = []
    for values in rows:
        items = checklist_from_values(values, values["media_link_count"] or 0, values["media_latest"], today)
        row = {"id": values["id"], **{field: values[field] for field in extra_fields}}
        row["items"] = items
        row["score"] = score_from_items(items)
        result.append(row)
    return result


def scores_by_id(queryset, today=None) -> dict[int, int]:
    return {row["id"]: row["score"] for row in scored_rows(queryset, today=today)}
