"""Published reports in the open: the web page in three languages, the comparison, the kind of
organization in the title block, and remediation carried into the next year's report."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from docx import Document as DocxDocument
from pypdf import PdfReader
from wagtail.documents.models import Document
from wagtail.models import Locale

from accreditation.models import RemediationReport
from selfassessment import workflow
from selfassessment.export import build_docx, build_pdf
from selfassessment.layout import label
from selfassessment.models import Criterion
from selfassessment.prefill import create_report

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import InstitutionPageFactory, InstitutionTypeFactory
from .selfassessment_helpers import complete
from .users import make_user

YEAR = date.today().year - 1
LANGUAGES = ("ky", "ru", "en")
KINDS = {
    "general": {
        "ky": "ЖАЛПЫ БИЛИМ БЕРҮҮ УЮМУ",
        "ru": "ОБЩЕОБРАЗОВАТЕЛЬНАЯ ОРГАНИЗАЦИЯ",
        "en": "GENERAL EDUCATION ORGANIZATION",
    },
    "vocational": {
        "ky": "ОРТО КЕСИПТИК БИЛИМ БЕРҮҮ УЮМУ",
        "ru": "ОРГАНИЗАЦИЯ СРЕДНЕГО ПРОФЕССИОНАЛЬНОГО ОБРАЗОВАНИЯ",
        "en": "SECONDARY VOCATIONAL EDUCATION ORGANIZATION",
    },
}


def publish(report):
    complete(report)
    report.standard_summaries.filter(standard__code="3").update(
        strengths="Жаңы спорт залы", weaknesses="Китепкана эски"
    )
    report.assessments.filter(criterion__code="4.4").update(comment="Сайт жана гезит.", links="https://school.kg/news")
    workflow.submit(report, None)
    workflow.accept(report, make_user(f"boss-{report.pk}", superuser=True))
    workflow.set_published(report, True)
    return report


@pytest.fixture
def gymnasium(directory):
    return InstitutionPageFactory(
        parent=directory,
        title="Бишкек шаарындагы №61 гимназия",
        institution_type=InstitutionTypeFactory(slug="gymnasium"),
    )


@pytest.fixture
def college(directory):
    return InstitutionPageFactory(
        parent=directory, title="Ош политехникалык колледжи", institution_type=InstitutionTypeFactory(slug="college")
    )


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_gymnasiums_pdf_and_docx_name_a_general_education_organization(gymnasium, language):
    report = create_report(gymnasium, YEAR)
    text = pdf_text(build_pdf(report, language))
    assert KINDS["general"][language] in text
    assert KINDS["vocational"][language] not in text
    docx = "\n".join(p.text for p in DocxDocument(io.BytesIO(build_docx(report, language))).paragraphs)
    assert KINDS["general"][language] in docx


def test_a_college_keeps_the_vocational_wording_and_a_university_says_higher(college, directory):
    assert create_report(college, YEAR).organization_kind("ru") == KINDS["vocational"]["ru"]
    university = InstitutionPageFactory(parent=directory, institution_type=InstitutionTypeFactory(slug="university"))
    assert create_report(university, YEAR).organization_kind("en") == "HIGHER EDUCATION ORGANIZATION"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_report_reads_as_a_web_page_in_each_language(client, gymnasium, language):
    report = publish(create_report(gymnasium, YEAR))
    with translation.override(language):
        url = reverse("selfassessment-report", args=[report.pk])
    assert url.startswith(f"/{language}/")
    html = client.get(url).content.decode()
    for criterion in Criterion.objects.all():
        assert escape(criterion.text_in(language)[:60]) in html
    assert html.count(label("result_met", language)) >= 30
    assert label("strengths", language) in html and "Жаңы спорт залы" in html and "Китепкана эски" in html
    assert label("conclusion", language) in html  # the template's standard conclusion, in the page's language
    assert KINDS["general"][language] in html
    assert 'href="https://school.kg/news"' in html
    assert reverse("selfassessment-pdf", args=[report.pk, language]) in html


def test_only_a_published_accepted_report_has_a_web_page(client, gymnasium):
    report = create_report(gymnasium, YEAR)
    url = reverse("selfassessment-report", args=[report.pk])
    assert client.get(url).status_code == 404
    publish(report)
    assert client.get(url).status_code == 200
    workflow.set_published(report, False)
    assert client.get(url).status_code == 404
    assert client.get("/ky/self-assessment/999999/").status_code == 404
    assert client.post(url).status_code == 405


def test_the_profile_links_the_web_page_the_pdf_and_the_comparison(client, gymnasium):
    report = publish(create_report(gymnasium, YEAR))
    html = client.get(gymnasium.url).content.decode()
    assert reverse("selfassessment-report", args=[report.pk]) in html
    assert reverse("selfassessment-pdf", args=[report.pk, "ky"]) in html
    assert reverse("selfassessment-compare") + f"?report={report.pk}" in html


def test_two_reports_compare_criterion_by_criterion_chosen_with_a_form(client, gymnasium, college):
    first = publish(create_report(gymnasium, YEAR))
    second = publish(create_report(college, YEAR))
    second.assessments.filter(criterion__code="3.3").update(result="not_met", comment="Лаборатория жок.")

    # The report page offers the other report of the same year in a form: no address to edit.
    page = client.get(reverse("selfassessment-report", args=[first.pk])).content.decode()
    assert f'action="{reverse("selfassessment-compare")}"' in page
    assert f'<option value="{second.pk}">' in page

    response = client.get(reverse("selfassessment-compare"), {"report": [first.pk, second.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    assert first.institution_name in html and second.institution_name in html
    for criterion in Criterion.objects.all():
        assert f'<span class="code">{criterion.code}</span>' in html
    assert "Лаборатория жок." in html and label("result_not_met", "ky") in html
    # The shared address form works too.
    assert (
        "Лаборатория жок."
        in client.get(reverse("selfassessment-compare") + f"?ids={first.pk},{second.pk}").content.decode()
    )


def test_bad_comparison_input_is_explained_never_an_error(client, gymnasium, college):
    first = publish(create_report(gymnasium, YEAR))
    draft = create_report(college, YEAR)
    response = client.get(reverse("selfassessment-compare") + f"?ids={first.pk},{draft.pk},abc,1,2,3")
    html = response.content.decode()
    assert response.status_code == 200
    assert "abc" in html and "<table" not in html


def test_remediation_after_a_decision_shows_in_the_next_years_report(client, home, gymnasium):
    register = DecisionIndexPageFactory(parent=home)
    decision = AccreditationDecisionPageFactory(
        parent=register,
        institution=gymnasium,
        outcome="conditional",
        decision_date=date(YEAR - 1, 6, 1),
        valid_until=date(YEAR + 1, 6, 1),
        shortcomings="<p>Китепкана эскирген.</p>",
    )
    decision.save_revision().publish()
    document = Document.objects.create(title="Отчет", file=ContentFile(b"%PDF-1.4", name="r.pdf"))
    RemediationReport.objects.create(
        decision=decision,
        document=document,
        note="Китепкана жаңыланды.",
        review_state=RemediationReport.Review.ACCEPTED,
    )
    report = create_report(gymnasium, YEAR)
    assert "Китепкана эскирген." in report.remediation_shortcomings
    assert report.remediation_done == "Китепкана жаңыланды."
    publish(report)
    for language in LANGUAGES:
        with translation.override(language):
            html = client.get(reverse("selfassessment-report", args=[report.pk])).content.decode()
        assert label("remediation_named", language) in html
        assert "Китепкана эскирген." in html and "Китепкана жаңыланды." in html
    assert "Китепкана жаңыланды." in pdf_text(build_pdf(report, "ru"))
    assert label("remediation_done", "en") in "\n".join(
        p.text for p in DocxDocument(io.BytesIO(build_docx(report, "en"))).paragraphs
    )
    # A report for the decision's own year names nothing: remediation follows a decision.
    assert create_report(gymnasium, YEAR - 1).remediation_shortcomings == ""


def test_the_english_profile_links_its_report_page(client, gymnasium):
    report = publish(create_report(gymnasium, YEAR))
    english = gymnasium.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    html = client.get(english.url).content.decode()
    with translation.override("en"):
        assert reverse("selfassessment-report", args=[report.pk]) in html
        page = client.get(reverse("selfassessment-report", args=[report.pk])).content.decode()
    assert f'href="{english.url}"' in page
