"""Profile helpers: the transparency checklist and the charts beside the staff and learners tables."""

from django import template
from django.utils.translation import gettext as _

from ..charts import bar_chart
from ..history import learner_history, score_history, staff_history, years_table
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


@register.simple_tag
def institution_history(page, programmes=None):
    """The profile's history: a table and a chart of learners and staff by year, and the score by month.
    `programmes`: the profile's public programmes, enrolments prefetched (saves reading them again)."""
    years = years_table(learner_history(page, programmes), staff_history(page))
    scores = score_history(page)
    return {
        "years": years,
        "scores": scores,
        "learners_chart": bar_chart(
            "chart-history-learners",
            _("Learners over the years"),
            _("Learners on all programmes in each year; the same numbers are in the table."),
            [(str(row["year"]), [row["learners"]]) for row in years if row["learners"] is not None],
        ),
        "staff_chart": bar_chart(
            "chart-history-staff",
            _("Staff over the years"),
            _("Teaching and teaching-support staff in each year; the same numbers are in the table."),
            [
                (str(row["year"]), [row["teaching_staff"], row["support_staff"]])
                for row in years
                if row["teaching_staff"] is not None
            ],
            series=(_("Teaching staff"), _("Teaching-support staff")),
        ),
        "score_chart": bar_chart(
            "chart-history-score",
            _("Transparency score by month"),
            _("The transparency score (0–100) at the end of each month; the same numbers are in the table."),
            [(row["month"], [row["score"]]) for row in scores],
            max_value=100,
        ),
    }


@register.simple_tag(takes_context=True)
def compare_choice(context, page):
    """The profile's "Add to comparison": the visitor's choice so far (the `compare` parameter the
    directory passes on) and where adding this institution leads."""
    from ..selection import MAX_COMPARED, CompareSelection

    request = context.get("request")
    selection = CompareSelection.from_params(request.GET if request is not None else {})
    added = selection.with_added(page.pk)
    directory_url = ""
    if selection.ids and not added.full:
        parent = page.get_parent()  # cached by treebeard: the breadcrumbs already asked for it
        directory_url = f"{parent.get_url(request)}{added.query}" if parent else ""
    return {
        "chosen": page.pk in selection,
        "full": selection.full and page.pk not in selection,
        "selection": selection,
        "add_url": added.compare_url,  # /compare/ with the choice so far plus this institution
        "directory_url": directory_url,  # the directory, to choose more with this one added
        "remove_url": f"{page.get_url(request)}{selection.without(page.pk).query}",  # this profile, not chosen
        "max": MAX_COMPARED,
    }
