"""DOCX and PDF exports read back; the published report's PDF on the profile; the dashboards' question."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as DocxDocument
from pypdf import PdfReader

from selfassessment import workflow
from selfassessment.dashboard import institutions_with_report, report_status_by_institution
from selfassessment.export import build_docx, build_pdf
from selfassessment.models import Criterion
from selfassessment.prefill import create_report

from .factories import InstitutionPageFactory
from .roles_setup import editor_of
from .selfassessment_helpers import complete
from .users import make_user

YEAR = 2025
NAME = "Ош политехникалык колледжи"


@pytest.fixture
def report(directory):
    institution = InstitutionPageFactory(parent=directory, title=NAME, head_name="Асанова Гүлнара")
    report = complete(create_report(institution, YEAR))
    report.assessments.filter(criterion__code="3.4").update(result="not_applicable", comment="Жатакана жок.")
    assessment = report.assessments.get(criterion__code="4.4")
    assessment.links = "https://oshpk.kg/news"
    assessment.save()
    report.standard_summaries.filter(standard__code="2").update(strengths="Тажрыйбалуу окутуучулар")
    report.commission_chair = "Бекова Айгүл"
    report.commission_members = "Осмонов Н.\nТоктогулова Ж."
    report.save()
    return report


def docx_text(content):
    doc = DocxDocument(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_docx_has_the_name_and_all_32_criteria_in_the_chosen_language(report, language):
    text = docx_text(build_docx(report, language))
    assert NAME in text
    for criterion in Criterion.objects.all():
        assert f"{criterion.code} {criterion.text_in(language)}" in text
    if language == "ky":
        for heading in (
            "ӨЗҮН-ӨЗҮ БААЛОО БОЮНЧА ОТЧЕТ",
            "1. Киришүү",
            "Далилдөөчү база",
            "Күчтүү жактар:",
            "Алсыз жактар:",
            "3. Корутунду",
            "Комиссиянын төрагасы: Бекова Айгүл",
        ):
            assert heading in text
        assert "Тиешеси жок" in text and "Жатакана жок." in text
        assert "Жүргүзүлгөн өзүн-өзү баалоонун негизинде комиссия" in text
    else:
        for heading in (
            "ОТЧЁТ ПО САМООЦЕНКЕ",
            "1. Введение",
            "Доказательная база",
            "Сильные стороны:",
            "3. Заключение",
            "Председатель комиссии: Бекова Айгүл",
        ):
            assert heading in text
        # The template's standard conclusion follows the export's language.
        assert "На основании проведённой самооценки комиссия рекомендует" in text
    assert "https://oshpk.kg/news" in text and "Тажрыйбалуу окутуучулар" in text


def test_pdf_text_has_the_name_and_all_32_criteria(report):
    content = build_pdf(report, "ky")
    reader = PdfReader(io.BytesIO(content))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert squeeze(NAME) in text
    assert squeeze("ӨЗҮН-ӨЗҮ БААЛОО БОЮНЧА ОТЧЕТ") in text
    for criterion in Criterion.objects.all():
        assert squeeze(f"{criterion.code} {criterion.text_ky}") in text, criterion.code
    # Only the shipped font (declared with @font-face as "Report Sans") is embedded, no system font.
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert fonts == {"Report-Sans", "Report-Sans-Bold"}


def test_pdf_in_russian(report):
    reader = PdfReader(io.BytesIO(build_pdf(report, "ru")))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert squeeze("ОТЧЁТ ПО САМООЦЕНКЕ") in text
    assert squeeze(Criterion.objects.get(code="5.9").text_ru) in text


def test_export_buttons_answer_with_files(client, report):
    client.force_login(editor_of(report.institution))
    response = client.get(reverse("selfassessment:export", args=[report.pk, "docx"]) + "?lang=ru")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "ОТЧЁТ ПО САМООЦЕНКЕ" in docx_text(response.content)
    response = client.get(reverse("selfassessment:export", args=[report.pk, "pdf"]) + "?lang=ky")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    edit_url = reverse("selfassessment:edit", args=[report.pk])
    for bad in ("pdf/?lang=de", "odt/?lang=ky"):
        response = client.get(reverse("selfassessment:index") + f"{report.pk}/export/{bad}")
        assert response.status_code == 302 and response["Location"] == edit_url


def test_only_a_published_accepted_report_is_public_and_linked_from_the_profile(client, report):
    institution = report.institution
    public_url = reverse("selfassessment-pdf", args=[report.pk, "ky"])
    assert client.get(public_url).status_code == 404
    assert public_url not in client.get(institution.url).content.decode()

    workflow.submit(report, None)
    workflow.accept(report, make_user("boss", superuser=True))
    assert client.get(public_url).status_code == 404  # accepted but not published
    workflow.set_published(report, True)

    response = client.get(public_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert public_url in client.get(institution.url).content.decode()


def test_profile_query_count_does_not_grow_with_published_reports(client, directory):
    institution = InstitutionPageFactory(parent=directory)
    boss = make_user("boss", superuser=True)

    def publish(year):
        report = complete(create_report(institution, year))
        workflow.submit(report, None)
        workflow.accept(report, boss)
        workflow.set_published(report, True)

    publish(2023)
    client.get(institution.url)  # warm the site and locale caches
    with CaptureQueriesContext(connection) as one_published:
        assert client.get(institution.url).status_code == 200
    for year in (2024, 2025):
        publish(year)
    client.get(institution.url)  # the first view after a publish rereads the per-version shared lookups (core.memo)
    with CaptureQueriesContext(connection) as three_published:
        html = client.get(institution.url).content.decode()
    assert html.count("/self-assessment/compare/") == 3  # a web page, a PDF and a comparison link each
    assert len(three_published) == len(one_published)


def test_institutions_with_this_years_report(directory):
    with_report = InstitutionPageFactory(parent=directory)
    InstitutionPageFactory(parent=directory)
    create_report(with_report, YEAR)
    assert list(institutions_with_report(YEAR)) == [with_report]
    assert list(institutions_with_report(YEAR - 1)) == []
    assert list(institutions_with_report(YEAR, statuses=["submitted", "accepted"])) == []
    assert report_status_by_institution(YEAR) == {with_report.pk: "draft"}


def test_the_russian_profile_links_the_russian_pdf_of_the_kyrgyz_pages_report(client, report):
    from wagtail.models import Locale

    workflow.submit(report, None)
    workflow.accept(report, make_user("boss", superuser=True))
    workflow.set_published(report, True)
    russian = report.institution.copy_for_translation(Locale.objects.get(language_code="ru"), copy_parents=True)
    russian.save_revision().publish()
    html = client.get(russian.url).content.decode()
    assert reverse("selfassessment-pdf", args=[report.pk, "ru"]) in html
    # A report started from the translation belongs to the Kyrgyz page.
    assert create_report(russian, YEAR - 1).institution_id == report.institution_id
