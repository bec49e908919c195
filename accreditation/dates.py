"""Calendar arithmetic for the remediation window (Order 1482/1, item 1c: within 3 months)."""

import calendar
from datetime import date

REMEDIATION_MONTHS = 3
EXPIRING_SOON_DAYS = 90


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later; the 31st of a shorter month becomes its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def remediation_due(decision_date: date) -> date:
    return add_months(decision_date, REMEDIATION_MONTHS)
