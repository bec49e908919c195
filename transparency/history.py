"""An institution's figures over the years (learners, staff) and its transparency score by month:
the series the profile charts and the API and downloads carry."""

from collections import defaultdict

from core.visibility import visible
from institutions.models import ProgrammeEnrolment, ProgrammePage, StaffStatistic

from .models import ScoreHistory


def learner_history(page, programmes=None):
    """[{year, learners}]: learners on all the institution's public programmes, oldest year first.
    `programmes`: those public programmes with their enrolments prefetched (the profile has them)."""
    totals = defaultdict(int)
    if programmes is not None:
        rows = [(row.year, row.learners) for programme in programmes for row in programme.enrolments.all()]
    else:
        rows = ProgrammeEnrolment.objects.filter(
            programme__in=visible(ProgrammePage.objects.filter(institution=page))
        ).values_list("year", "learners")
    for year, learners in rows:
        totals[year] += learners
    return [{"year": year, "learners": totals[year]} for year in sorted(totals)]


def staff_history(page):
    """[{year, teaching_staff, support_staff}], oldest year first (from the rows prefetched when they are)."""
    return [
        {"year": row.year, "teaching_staff": row.teaching_staff, "support_staff": row.support_staff}
        for row in sorted(page.staff_statistics.all(), key=lambda row: row.year)
    ]


def score_history(page):
    """[{month: "YYYY-MM", score}], oldest month first."""
    return [
        {"month": f"{month:%Y-%m}", "score": score}
        for month, score in ScoreHistory.objects.filter(institution=page)
        .order_by("month")
        .values_list("month", "score")
    ]


def years_table(learners, staff):
    """One row per year with learners and staff (None where a year has no figure)."""
    by_year = defaultdict(dict)
    for row in learners:
        by_year[row["year"]]["learners"] = row["learners"]
    for row in staff:
        by_year[row["year"]].update(teaching_staff=row["teaching_staff"], support_staff=row["support_staff"])
    return [
        {
            "year": year,
            "learners": by_year[year].get("learners"),
            "teaching_staff": by_year[year].get("teaching_staff"),
            "support_staff": by_year[year].get("support_staff"),
        }
        for year in sorted(by_year)
    ]


HISTORY_COLUMNS = ("id", "series", "period", "value")


def history_rows(pages):
    """The same series for many institutions, in long form: (id, series, period, value) rows for
    downloads, with three queries whatever the number of institutions."""
    keys = {page.pk: str(page.translation_key) for page in pages}
    rows = []
    learners = defaultdict(int)
    for pk, year, count in ProgrammeEnrolment.objects.filter(
        programme__in=visible(ProgrammePage.objects.filter(institution_id__in=keys))
    ).values_list("programme__institution_id", "year", "learners"):
        learners[(pk, year)] += count
    rows += [(keys[pk], "learners", str(year), count) for (pk, year), count in learners.items()]
    for pk, year, teaching, support in StaffStatistic.objects.filter(institution_id__in=keys).values_list(
        "institution_id", "year", "teaching_staff", "support_staff"
    ):
        rows += [(keys[pk], "teaching_staff", str(year), teaching), (keys[pk], "support_staff", str(year), support)]
    for pk, month, score in ScoreHistory.objects.filter(institution_id__in=keys).values_list(
        "institution_id", "month", "score"
    ):
        rows.append((keys[pk], "transparency_score", f"{month:%Y-%m}", score))
    order = {key: n for n, key in enumerate(keys.values())}
    return sorted(rows, key=lambda row: (order[row[0]], row[1], row[2]))
