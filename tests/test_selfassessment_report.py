"""The annual self-assessment report: pre-fill, editing, submission and the review states."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from institutions.models import InstitutionLicence, ProgrammeEnrolment, StaffStatistic
from selfassessment import workflow
from selfassessment.models import Criterion, CriterionAssessment, SelfAssessmentReport, Standard
from selfassessment.prefill import create_report

from .factories import InstitutionPageFactory, ProgrammePageFactory
from .roles_setup import editor_of, reviewer_of
from .selfassessment_helpers import complete
from .users import make_user

YEAR = 2025


@pytest.fixture
def institution(directory):
    page = InstitutionPageFactory(
        parent=directory,
        title="Бишкек курулуш колледжи",
        founding_history="Колледж 1965-жылы түзүлгөн. 1992-жылы кайра уюштурулган.",
        head_name="Асанова Гүлнара",
        head_phone="+996 312 62-15-20",
        head_email="head@college.kg",
        address="Киев көчөсү, 10, Бишкек ш.",
        phones="+996 312 62-15-21",
        email="info@college.kg",
        website="https://college.kg",
    )
    InstitutionLicence.objects.create(
        institution=page,
        number="LS-1042",
        issued_on=date(2019, 5, 14),
        issuer="Билим берүү министрлиги",
        programmes="Курулуш",
    )
    for year in range(2019, 2026):
        StaffStatistic.objects.create(institution=page, year=year, teaching_staff=40 + year - 2019, support_staff=9)
    programme = ProgrammePageFactory(parent=page, title="Имараттарды куруу")
    ProgrammeEnrolment.objects.create(programme=programme, year=2024, learners=110)
    ProgrammeEnrolment.objects.create(programme=programme, year=2025, learners=125)
    return page


def messages_of(response):
    with translation.override("en"):
        return [str(m) for m in get_messages(response.wsgi_request)]


def edit_data(report, **overrides):
    """The edit form as the browser would post it, with the report's current values."""
    data = {
        "institution_name": report.institution_name,
        "founding_history": report.founding_history,
        "head_name": report.head_name,
        "head_phone": report.head_phone,
        "head_email": report.head_email,
        "licences": report.licences,
        "earlier_accreditation": report.earlier_accreditation,
        "address": report.address,
        "phones": report.phones,
        "fax": report.fax,
        "email": report.email,
        "website": report.website,
        "conclusion": report.conclusion,
        "commission_chair": report.commission_chair,
        "commission_members": report.commission_members,
        "confirmed_by": report.confirmed_by,
        "confirmed_on": report.confirmed_on.isoformat() if report.confirmed_on else "",
        "action": "save",
    }
    if report.confirmation_statement:
        data["confirmation_statement"] = "on"
    for prefix, rows, fields in (
        ("staff", list(report.staff_years.all()), ["year", "teaching_staff", "support_staff"]),
        ("learners", list(report.programme_learners.all()), ["programme", "learners"]),
        ("criteria", list(report.assessments.all()), ["result", "comment", "links"]),
        ("standards", list(report.standard_summaries.all()), ["strengths", "weaknesses"]),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-report"] = report.pk
            for field in fields:
                data[f"{prefix}-{i}-{field}"] = getattr(row, field)
    data.update(overrides)
    return data


def test_the_32_criteria_of_the_template_are_loaded_in_three_languages(db):
    assert Standard.objects.count() == 5
    assert Criterion.objects.count() == 32
    criterion = Criterion.objects.get(code="4.4")
    assert criterion.text_ky.startswith("Билим берүү уюму коомчулукка маалымат берүү үчүн өзүнүн сайтын")
    assert criterion.text_ru.startswith("Использование образовательной организацией своего сайта")
    with translation.override("ru"):
        assert criterion.text == criterion.text_ru
    assert list(Criterion.objects.values_list("code", flat=True))[-3:] == ["5.7", "5.8", "5.9"]


def test_a_new_report_is_prefilled_from_the_profile(institution):
    report = create_report(institution, YEAR)

    assert report.institution_name == "Бишкек курулуш колледжи"
    assert report.founding_history == institution.founding_history
    assert (report.head_name, report.head_phone, report.head_email) == (
        "Асанова Гүлнара",
        "+996 312 62-15-20",
        "head@college.kg",
    )
    assert "LS-1042" in report.licences and "14.05.2019" in report.licences
    # The last five years up to the report's year.
    assert list(report.staff_years.values_list("year", "teaching_staff")) == [
        (2021, 42),
        (2022, 43),
        (2023, 44),
        (2024, 45),
        (2025, 46),
    ]
    assert list(report.programme_learners.values_list("programme", "learners")) == [("Имараттарды куруу", 125)]
    assert (report.address, report.email, report.website) == (
        "Киев көчөсү, 10, Бишкек ш.",
        "info@college.kg",
        "https://college.kg",
    )
    assert report.conclusion.startswith("Жүргүзүлгөн өзүн-өзү баалоонун негизинде комиссия")
    assert report.assessments.count() == 32
    assert report.standard_summaries.count() == 5
    assert report.status == SelfAssessmentReport.Status.DRAFT


def test_earlier_accreditation_is_prefilled_from_the_decisions(home, institution, directory):
    from accreditation.models import AccreditationDecisionPage as Decision

    from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory

    register = DecisionIndexPageFactory(parent=home)
    make = lambda number, day, **fields: AccreditationDecisionPageFactory(  # noqa: E731
        parent=register, institution=fields.pop("of", institution), number=number, decision_date=day, **fields
    )
    make(
        "9/B",
        date(2023, 5, 2),
        valid_until=date(2028, 5, 1),
        kind=Decision.Kind.PROGRAMME,
        outcome=Decision.Outcome.CONDITIONAL,
    )
    make("3/A", date(2019, 2, 1), valid_until=date(2024, 1, 31))
    make("14/C", date(2024, 6, 10), outcome=Decision.Outcome.REFUSED, valid_until=None)
    make("20/D", date(2026, 1, 15), valid_until=date(2031, 1, 14))  # after the report's year
    make("5/X", date(2024, 3, 3), live=False)  # a draft
    make("6/Y", date(2022, 3, 3), of=InstitutionPageFactory(parent=directory))  # another institution's

    text = create_report(institution, YEAR).earlier_accreditation
    with translation.override("ky"):
        institutional, programme = str(Decision.Kind.INSTITUTIONAL.label), str(Decision.Kind.PROGRAMME.label)
        accredited, conditional = str(Decision.Outcome.ACCREDITED.label), str(Decision.Outcome.CONDITIONAL.label)
        refused = str(Decision.Outcome.REFUSED.label)
    lines = text.splitlines()
    assert len(lines) == 3
    # Oldest first: number, date, kind, outcome, and the validity end unless refused.
    assert all(part in lines[0] for part in ("3/A", "01.02.2019", institutional, accredited, "31.01.2024"))
    assert all(part in lines[1] for part in ("9/B", "02.05.2023", programme, conditional, "01.05.2028"))
    assert all(part in lines[2] for part in ("14/C", "10.06.2024", refused)) and "2029" not in lines[2]
    # A report of an earlier year lists the decisions up to that year.
    earlier = create_report(institution, 2023).earlier_accreditation
    assert "3/A" in earlier and "9/B" in earlier and "14/C" not in earlier


def test_editing_the_report_does_not_change_the_profile(client, institution):
    report = create_report(institution, YEAR)
    client.force_login(editor_of(institution))
    response = client.post(
        reverse("selfassessment:edit", args=[report.pk]),
        edit_data(report, head_name="Жаңы Жетекчи", **{"criteria-0-result": "met", "standards-0-strengths": "Күчтүү"}),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.head_name == "Жаңы Жетекчи"
    assert report.assessments.get(criterion__code="1.1").result == "met"
    assert report.standard_summaries.get(standard__code="1").strengths == "Күчтүү"
    institution.refresh_from_db()
    assert institution.head_name == "Асанова Гүлнара"


def test_a_founding_history_over_ten_sentences_is_refused_and_nothing_is_lost(client, institution):
    report = create_report(institution, YEAR)
    client.force_login(editor_of(institution))
    long_history = " ".join(f"Сүйлөм {n}." for n in range(11))
    response = client.post(
        reverse("selfassessment:edit", args=[report.pk]),
        edit_data(report, founding_history=long_history, commission_chair="Бекова А."),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert long_history in html and "Бекова А." in html  # the typed text comes back
    assert "11" in str(response.context["forms"].form.errors["founding_history"])
    report.refresh_from_db()
    assert report.commission_chair == ""


def test_the_report_can_be_created_from_the_admin_once_per_year(client, institution):
    client.force_login(editor_of(institution))
    url = reverse("selfassessment:create")
    response = client.post(url, {"institution": institution.pk, "year": YEAR})
    report = SelfAssessmentReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("selfassessment:edit", args=[report.pk])
    assert report.head_name == "Асанова Гүлнара"

    response = client.post(url, {"institution": institution.pk, "year": YEAR})
    assert response.status_code == 200
    with translation.override("en"):
        assert "already has a self-assessment report for 2025" in str(response.context["form"].errors)
    assert SelfAssessmentReport.objects.count() == 1


def test_submission_is_refused_with_every_criterion_still_without_a_result(client, institution):
    report = complete(create_report(institution, YEAR))
    report.assessments.filter(criterion__code__in=["2.3", "3.4", "5.9"]).update(result="")
    client.force_login(editor_of(institution))

    response = client.post(reverse("selfassessment:edit", args=[report.pk]), edit_data(report, action="submit"))

    report.refresh_from_db()
    assert report.status == SelfAssessmentReport.Status.DRAFT
    assert any("These criteria have no self-assessment result yet: 2.3, 3.4, 5.9." in m for m in messages_of(response))


def test_submission_needs_the_heads_confirmation(institution):
    report = create_report(institution, YEAR)
    report.assessments.update(result=CriterionAssessment.Result.MET)
    with pytest.raises(workflow.TransitionRefused) as refused, translation.override("en"):
        workflow.submit(report, None)
    with translation.override("en"):
        messages = " ".join(str(m) for m in refused.value.messages)
    assert "confirm that the information in the report is true" in messages
    assert "date of the head's confirmation" in messages


def test_a_complete_report_is_submitted_and_then_read_only(client, institution):
    report = complete(create_report(institution, YEAR))
    editor = editor_of(institution)
    client.force_login(editor)
    url = reverse("selfassessment:edit", args=[report.pk])

    client.post(url, edit_data(report, action="submit"))
    report.refresh_from_db()
    assert report.status == SelfAssessmentReport.Status.SUBMITTED
    assert report.submitted_by == editor

    # Read-only: the page shows the report without a form, and a POST changes nothing.
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="head_name"' not in response.content.decode()
    assert "Асанова Гүлнара" in response.content.decode()
    response = client.post(url, edit_data(report, head_name="Башка Адам"))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.head_name == "Асанова Гүлнара"


def test_state_machine_submit_accept_return_and_publish(institution):
    report = complete(create_report(institution, YEAR))
    reviewer = make_user("boss", superuser=True)

    with pytest.raises(workflow.TransitionRefused):
        workflow.accept(report, reviewer)  # a draft cannot be accepted
    with pytest.raises(workflow.TransitionRefused):
        workflow.return_to_draft(report, reviewer, "Эмне?")  # already a draft

    workflow.submit(report, None)
    with pytest.raises(workflow.TransitionRefused):
        workflow.submit(report, None)  # not twice
    with pytest.raises(workflow.TransitionRefused):
        workflow.set_published(report, True)  # not before acceptance
    with pytest.raises(workflow.TransitionRefused):
        workflow.return_to_draft(report, reviewer, "  ")  # comments are required

    workflow.return_to_draft(report, reviewer, "3.3-критерий боюнча далил жок.")
    assert report.status == SelfAssessmentReport.Status.DRAFT
    assert report.review_comments == "3.3-критерий боюнча далил жок."
    assert not report.confirmation_statement  # the head confirms the corrected report anew

    complete(report)
    workflow.submit(report, None)
    workflow.accept(report, reviewer)
    assert report.status == SelfAssessmentReport.Status.ACCEPTED and report.reviewed_by == reviewer
    workflow.set_published(report, True)
    assert SelfAssessmentReport.objects.get(pk=report.pk).published

    # Returning an accepted report takes it off the profile.
    workflow.return_to_draft(report, reviewer, "Кайра карагыла.")
    assert not SelfAssessmentReport.objects.get(pk=report.pk).published


def test_reviewer_accepts_and_returns_through_the_admin(client, institution):
    report = complete(create_report(institution, YEAR))
    workflow.submit(report, None)
    client.force_login(reviewer_of(institution))
    url = reverse("selfassessment:review", args=[report.pk])

    client.post(url, {"action": "return", "comments": "Далилдер жетишсиз."})
    report.refresh_from_db()
    assert report.status == "draft" and report.review_comments == "Далилдер жетишсиз."

    complete(report)
    workflow.submit(report, None)
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "publish"})
    report.refresh_from_db()
    assert report.status == "accepted" and report.published


def test_evidence_links_must_be_web_addresses(client, institution):
    report = create_report(institution, YEAR)
    client.force_login(editor_of(institution))
    response = client.post(
        reverse("selfassessment:edit", args=[report.pk]),
        edit_data(report, **{"criteria-0-links": "https://college.kg/plan.pdf\nnot a link"}),
    )
    assert response.status_code == 200
    with translation.override("en"):
        assert "“not a link” is not a web address" in str(response.context["forms"].assessments.errors)


def test_the_list_says_a_draft_was_returned(client, institution):
    report = complete(create_report(institution, YEAR))
    workflow.submit(report, None)
    workflow.return_to_draft(report, make_user("boss", superuser=True), "Далилдер жетишсиз.")
    client.force_login(editor_of(institution))  # an English admin
    html = client.get(reverse("selfassessment:index")).content.decode()
    assert "Бишкек курулуш колледжи" in html
    assert "returned with comments" in html
