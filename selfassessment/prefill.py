"""Creating a report: section 1 copied from the profile, one empty row per criterion and standard."""

from django.db import transaction
from wagtail import hooks
from wagtail.models import Locale

from core.visibility import visible
from institutions.models import ProgrammeEnrolment, ProgrammePage

from .layout import label
from .models import (
    Criterion,
    CriterionAssessment,
    ReportProgrammeLearners,
    ReportStaffYear,
    SelfAssessmentReport,
    Standard,
    StandardAssessment,
)

STAFF_YEARS = 5
# The accreditation app registers a function under this hook name: fn(institution, year) -> str,
# the text describing earlier accreditation decisions; every registered function's text is joined.
EARLIER_ACCREDITATION_HOOK = "selfassessment_earlier_accreditation"
# Item 1c: fn(institution, year) -> (shortcomings named, what was done) from the latest decision
# before the report's year that named shortcomings, or None; the first answer counts.
REMEDIATION_HOOK = "selfassessment_remediation"


def default_locale_page(institution):
    """Reports belong to the Kyrgyz page; a Russian or English translation maps to it."""
    default = Locale.get_default()
    if institution.locale_id != default.pk:
        institution = institution.get_translation(default)
    return institution.specific


def earlier_accreditation_text(institution, year) -> str:
    texts = [fn(institution, year) for fn in hooks.get_hooks(EARLIER_ACCREDITATION_HOOK)]
    return "\n".join(text for text in texts if text)


def remediation_texts(institution, year) -> tuple[str, str]:
    for fn in hooks.get_hooks(REMEDIATION_HOOK):
        answer = fn(institution, year)
        if answer:
            return answer
    return "", ""


def licence_line(licence) -> str:
    line = f"№ {licence.number}, {licence.issued_on:%d.%m.%Y}, {licence.issuer}"
    return f"{line} — {licence.programmes}" if licence.programmes else line


@transaction.atomic
def create_report(institution, year) -> SelfAssessmentReport:
    """A new draft for the institution's Kyrgyz page, section 1 filled from its profile as it is now."""
    institution = default_locale_page(institution)
    shortcomings, done = remediation_texts(institution, year)
    report = SelfAssessmentReport.objects.create(
        institution=institution,
        year=year,
        institution_name=institution.title,
        founding_history=institution.founding_history,
        head_name=institution.head_name,
        head_phone=institution.head_phone,
        head_email=institution.head_email,
        licences="\n".join(licence_line(licence) for licence in institution.licences.all()),
        earlier_accreditation=earlier_accreditation_text(institution, year),
        remediation_shortcomings=shortcomings,
        remediation_done=done,
        address=institution.address,
        phones=institution.phones,
        fax=institution.fax,
        email=institution.email,
        website=institution.website,
        conclusion=label("conclusion", "ky"),
        confirmed_by=institution.head_name,
    )
    staff = institution.staff_statistics.filter(year__lte=year).order_by("-year")[:STAFF_YEARS]
    ReportStaffYear.objects.bulk_create(
        ReportStaffYear(
            report=report, year=row.year, teaching_staff=row.teaching_staff, support_staff=row.support_staff
        )
        for row in sorted(staff, key=lambda row: row.year)
    )
    ReportProgrammeLearners.objects.bulk_create(
        ReportProgrammeLearners(report=report, programme=programme, learners=learners)
        for programme, learners in learners_per_programme(institution, year)
    )
    ensure_rows(report)
    return report


def learners_per_programme(institution, year):
    """(programme title, learners) for each published programme (a private one is left out: the report is
    public once accepted), from its latest enrolment up to the year."""
    shown = visible(ProgrammePage.objects.filter(institution=institution)).values("pk")
    rows = (
        ProgrammeEnrolment.objects.filter(programme__in=shown, year__lte=year)
        .select_related("programme")
        .order_by("programme__path", "-year")
    )
    latest = {}
    for row in rows:
        latest.setdefault(row.programme_id, (row.programme.title, row.learners))
    return list(latest.values())


def ensure_rows(report):
    """One assessment per criterion and one summary per standard (criteria added later included)."""
    have = set(report.assessments.values_list("criterion_id", flat=True))
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(report=report, criterion=criterion) for criterion in Criterion.objects.exclude(pk__in=have)
    )
    have = set(report.standard_summaries.values_list("standard_id", flat=True))
    StandardAssessment.objects.bulk_create(
        StandardAssessment(report=report, standard=standard) for standard in Standard.objects.exclude(pk__in=have)
    )
