"""Deadlines shown to an institution's editors on their dashboard.

Each source is a function (institution page, today) -> list of Deadline. The accreditation app adds
remediation deadlines by appending its own source to DEADLINE_SOURCES (or register_deadline_source).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Order No. 1482/1 asks for a self-assessment every year but names no date; the ministry's chosen
# annual due date (month, day) is this setting.
SELF_ASSESSMENT_DUE = getattr(settings, "SELF_ASSESSMENT_DUE", (5, 31))


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    note: str = ""

    def days_left(self, today=None):
        return (self.due - (today or date.today())).days

    def overdue(self, today=None):
        return self.days_left(today) < 0


def self_assessment_deadline(institution, today):
    month, day = SELF_ASSESSMENT_DUE
    return [Deadline(_("Self-assessment report %(year)s") % {"year": today.year}, date(today.year, month, day))]


DEADLINE_SOURCES = [self_assessment_deadline]


def register_deadline_source(source):
    if source not in DEADLINE_SOURCES:
        DEADLINE_SOURCES.append(source)
    return source


def deadlines_for(institution, today=None):
    today = today or date.today()
    found = [deadline for source in DEADLINE_SOURCES for deadline in source(institution, today)]
    return sorted(found, key=lambda deadline: deadline.due)
