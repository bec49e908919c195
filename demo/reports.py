"""Demo self-assessment reports in every state, most of them accepted and published.

Reports are for last year (the year a report looks back on). Institutions take the states in turn,
so every type and region gets published reports; one in SKIP_EVERY has none, like real life.
Every step finds what an earlier run made and leaves it as it is.
"""

from datetime import date

from django.utils import timezone

from institutions.models import InstitutionPage
from selfassessment.models import CriterionAssessment, SelfAssessmentReport
from selfassessment.prefill import create_report

Result = CriterionAssessment.Result
Status = SelfAssessmentReport.Status

# (status, published, returned with comments): the states institutions take in turn.
STATES = [
    (Status.ACCEPTED, True, False),
    (Status.ACCEPTED, True, False),
    (Status.SUBMITTED, False, False),
    (Status.ACCEPTED, True, False),
    (Status.DRAFT, False, True),  # returned by the reviewer
    (Status.ACCEPTED, True, False),
    (Status.DRAFT, False, False),
    (Status.ACCEPTED, False, False),  # accepted, not yet published
]
SKIP_EVERY = 5

# A criterion's result, by its code: most are met, a few partly or not, 3.4 and 3.6 may not apply.
PARTLY = {"1.2", "2.3", "3.2", "4.2"}
NOT_MET = {"3.3"}
NOT_APPLICABLE = {"3.4", "3.6"}
COMMENT = {
    Result.MET: "Талап аткарылат: тиешелүү документтер бекитилген жана сайтта жарыяланган.",
    Result.PARTLY: "Талап жарым-жартылай аткарылат: иш пландалган, бирок толук бүтө элек.",
    Result.NOT_MET: "Талап азырынча аткарылбайт: каражат жетишсиз.",
    Result.NOT_APPLICABLE: "Уюмда мындай объект жок.",
}
STRENGTHS = "Тажрыйбалуу жамаат; ата-энелер жана окуучулар менен тыгыз байланыш."
WEAKNESSES = "Материалдык базаны жаңылоо керек; сайттагы маалымат дайыма жаңыланбайт."
RETURN_COMMENT = "3.3-критерий боюнча далилдерди тиркеңиз жана 2-стандарттын алсыз жактарын толуктаңыз."
CHAIR = "Абдыкалыкова Н. Т."
MEMBERS = "Садыков Э. М.\nЖумабаева А. К."


def report_year(today=None):
    return (today or date.today()).year - 1


def result_for(code, position):
    if code in NOT_APPLICABLE:
        return Result.NOT_APPLICABLE
    if code in NOT_MET and position % 2:
        return Result.NOT_MET
    if code in PARTLY and position % 3 != 1:
        return Result.PARTLY
    return Result.MET


def fill(report, position):
    """Results, comments and evidence for every criterion; strengths and weaknesses per standard."""
    website = report.website or "https://edu.gov.kg"
    assessments = list(report.assessments.select_related("criterion"))
    for assessment in assessments:
        assessment.result = result_for(assessment.criterion.code, position)
        assessment.comment = COMMENT[assessment.result]
        assessment.links = website if assessment.result != Result.NOT_APPLICABLE else ""
    CriterionAssessment.objects.bulk_update(assessments, ["result", "comment", "links"])
    report.standard_summaries.update(strengths=STRENGTHS, weaknesses=WEAKNESSES)
    report.commission_chair = CHAIR
    report.commission_members = MEMBERS
    report.confirmed_on = date(report.year + 1, 3, 1)
    report.confirmation_statement = True


def load_reports(today=None):
    """Reports for last year for the demo institutions; returns how many are published."""
    year = report_year(today)
    institutions = InstitutionPage.objects.filter(locale__language_code="ky").order_by("path")
    have = set(SelfAssessmentReport.objects.filter(year=year).values_list("institution_id", flat=True))
    now = timezone.now()
    for position, institution in enumerate(institutions):
        if institution.pk in have or position % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        status, published, returned = STATES[position % len(STATES)]
        report = create_report(institution, year)
        fill(report, position)
        report.status = status
        report.published = published
        if status != Status.DRAFT:
            report.submitted_at = now
        if status == Status.ACCEPTED:
            report.reviewed_at = now
        if returned:
            report.review_comments = RETURN_COMMENT
            report.reviewed_at = now
            report.confirmation_statement = False
        report.save()
    return SelfAssessmentReport.objects.filter(year=year, published=True, status=Status.ACCEPTED).count()
