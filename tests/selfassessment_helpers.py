"""Shared set-up for the self-assessment tests: a filled report. Users come from tests/roles_setup.py."""

from datetime import date

from selfassessment.models import CriterionAssessment


def complete(report, result=CriterionAssessment.Result.MET):
    """Every criterion assessed and the head's confirmation given."""
    report.assessments.update(result=result)
    report.confirmed_by = "Асанова Гүлнара"
    report.confirmed_on = date(2026, 3, 1)
    report.confirmation_statement = True
    report.save()
    return report
