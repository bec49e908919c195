"""The demo's self-assessment reports: every state, at least 10 published from several types and regions,
remediation carried in, and a second run changes nothing."""

from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from accreditation.models import RemediationReport
from demo.reports import load_reports, report_year
from selfassessment.models import SelfAssessmentReport

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import DistrictFactory, InstitutionPageFactory, InstitutionTypeFactory, RegionFactory

TYPES = ("general-school", "gymnasium", "lyceum", "vocational-lyceum", "college", "university")


def test_demo_reports_in_every_state_published_from_many_types_and_regions(client, home, directory):
    types = [InstitutionTypeFactory(slug=slug) for slug in TYPES]
    districts = [DistrictFactory(region=RegionFactory()) for _ in range(5)]
    institutions = [
        InstitutionPageFactory(
            parent=directory, institution_type=types[n % 6], district=districts[n % 5], region=districts[n % 5].region
        )
        for n in range(24)
    ]
    register = DecisionIndexPageFactory(parent=home)
    decision = AccreditationDecisionPageFactory(
        parent=register,
        institution=institutions[0],
        decision_date=date(report_year() - 2, 5, 1),
        shortcomings="<p>Спорт зал жок.</p>",
    )
    document = Document.objects.create(title="Отчет", file=ContentFile(b"%PDF-1.4", name="r.pdf"))
    RemediationReport.objects.create(
        decision=decision, document=document, note="Спорт зал курулду.", review_state=RemediationReport.Review.ACCEPTED
    )

    published = load_reports()
    reports = SelfAssessmentReport.objects.filter(year=report_year())
    states = set(reports.values_list("status", "published"))
    assert {("draft", False), ("submitted", False), ("accepted", False), ("accepted", True)} <= states
    assert reports.filter(status="draft").exclude(review_comments="").exists()  # returned with comments
    assert published >= 10
    shown = reports.filter(status="accepted", published=True)
    assert shown.order_by().values("institution__institution_type__slug").distinct().count() == 6
    assert shown.order_by().values("institution__region").distinct().count() >= 4
    # Every published report is complete: all 32 criteria have a result; its web page answers.
    for report in shown:
        assert not report.assessments.filter(result="").exists()
        assert client.get(reverse("selfassessment-report", args=[report.pk])).status_code == 200
    first = reports.get(institution=institutions[0])
    assert "Спорт зал жок." in first.remediation_shortcomings and first.remediation_done == "Спорт зал курулду."

    before = list(reports.order_by("pk").values_list("pk", "status", "published"))
    assert load_reports() == published
    assert list(reports.order_by("pk").values_list("pk", "status", "published")) == before
