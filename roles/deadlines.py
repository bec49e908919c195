"""Deadlines shown to an institution's editors on their dashboard.

Each source is a function (institution page, today) -> list of Deadline. The accreditation app adds
remediation deadlines with register_deadline_source (accreditation.apps).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Order No. 1482/1 asks for a self-assessment every year but names no date; the ministry's chosen
# annual due date (month, day) is this setting.
SELF_ASSESSMENT_DUE = getattr(settings, "SELF_ASSESSMENT_DUE", (5, 31))


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    note: str = ""  # where things stand, e.g. "Submitted, waiting for review"
    url: str = ""  # where to act on it
    done: bool = False  # the institution's part is done: never overdue

    def days_left(self, today=None):
        return (self.due - (today or date.today())).days

    def overdue(self, today=None):
        return not self.done and self.days_left(today) < 0


def self_assessment_deadline(institution, today):
    """This year's report: due on SELF_ASSESSMENT_DUE, done once submitted (or accepted)."""
    from selfassessment.dashboard import REPORT_STATES, report_state, reports_by_institution

    month, day = SELF_ASSESSMENT_DUE
    report = reports_by_institution(today.year, [institution]).get(institution.pk)
    state = report_state(report)
    return [
        Deadline(
            _("Self-assessment report %(year)s") % {"year": today.year},
            date(today.year, month, day),
            note=REPORT_STATES[state],
            url=reverse("selfassessment:edit", args=[report.pk]) if report else reverse("selfassessment:create"),
            done=state in ("submitted", "accepted"),
        )
    ]


DEADLINE_SOURCES = [self_assessment_deadline]


def register_deadline_source(source):
    if source not in DEADLINE_SOURCES:
        DEADLINE_SOURCES.append(source)
    return source


def deadlines_for(institution, today=None):
    today = today or date.today()
    found = [deadline for source in DEADLINE_SOURCES for deadline in source(institution, today)]
    return sorted(found, key=lambda deadline: deadline.due)
