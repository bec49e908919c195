"""Profile helpers: the transparency checklist and the charts beside the staff and learners tables."""

from django import template
from django.utils.translation import gettext as _

from ..charts import bar_chart
from ..score import FRESH_DAYS, checklist_for_page, score_from_items

register = template.Library()


@register.simple_tag
def transparency_checklist(page):
    items = checklist_for_page(page)
    return {
        "items": items,
        "score": score_from_items(items),
        "fresh_days": FRESH_DAYS,
        "fresh": sum(1 for item in items if item.present and item.fresh),
        "stale": sum(1 for item in items if item.stale),
        "missing": sum(1 for item in items if not item.present),
    }


@register.simple_tag
def staff_chart(staff_statistics):
    rows = list(staff_statistics)
    return bar_chart(
        "chart-staff",
        _("Staff by year"),
        _("Teaching and teaching-support staff in each year; the same numbers are in the table."),
        [(str(row.year), [row.teaching_staff, row.support_staff]) for row in rows],
        series=(_("Teaching staff"), _("Teaching-support staff")),
    )


@register.simple_tag
def learners_chart(learners_table):
    years = [str(year) for year in learners_table["years"]]
    return bar_chart(
        "chart-learners",
        _("Learners per programme"),
        _("Learners on each programme in each year; the same numbers are in the table."),
        [(row["programme"].title, row["counts"]) for row in learners_table["rows"]],
        series=years,
    )

