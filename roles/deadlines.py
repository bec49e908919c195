"""Deadlines shown to an institution's editors on their dashboard.

Each source is a function (institution page, today) -> list of Deadline. The accreditation app adds
remediation deadlines with register_deadline_source (accreditation.apps), the self-assessment app
the annual report (selfassessment.apps).
"""

from dataclasses import dataclass
from datetime import date


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


# Filled by the apps that know the deadlines (selfassessment.apps, accreditation.apps).
DEADLINE_SOURCES = []


def register_deadline_source(source):
    if source not in DEADLINE_SOURCES:
        DEADLINE_SOURCES.append(source)
    return source


def deadlines_for(institution, today=None):
    today = today or date.today()
    found = [deadline for source in DEADLINE_SOURCES for deadline in source(institution, today)]
    return sorted(found, key=lambda deadline: deadline.due)
