"""Nothing lost while editing: two editors on one page or report, and a report saved section by section."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from selfassessment.forms import ReportForms
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .factories import InstitutionPageFactory
from .roles_setup import editor_of
from .users import make_user

YEAR = 2025


def messages_of(response):
    with translation.override("en"):
        return [str(m) for m in get_messages(response.wsgi_request)]


def hidden(html, name):
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', html).group(1)


# Pages: Wagtail's edit view.

def page_edit_post(page, revision_id, **fields):
    data = {
        "title": page.title, "slug": page.slug, "loaded_revision_id": revision_id,
        "loaded_revision_created_at": "",
    }
    data.update(fields)
    return data


def test_the_second_editor_of_a_page_is_refused_and_the_first_ones_work_stays(client, directory):
    institution = InstitutionPageFactory(parent=directory, title="Ош мектеби")
    institution.save_revision()
    first, second = make_user("first", superuser=True), make_user("second", superuser=True)
    url = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    client.force_login(first)
    loaded = hidden(client.get(url).content.decode(), "loaded_revision_id")
    assert loaded == str(institution.get_latest_revision().pk)

    # The first editor saves a newer revision (as Wagtail's own save would).
    page = Page.objects.get(pk=institution.pk).specific
    page.title = "Ош шаарынын мектеби"
    page.save_revision(user=first)

    client.force_login(second)
    response = client.post(url, page_edit_post(institution, loaded, title="Экинчи редактордун аты"))
    assert response.status_code == 302
    assert any("Someone else saved this page" in m for m in messages_of(response))
    latest = Page.objects.get(pk=institution.pk).specific.get_latest_revision_as_object()
    assert latest.title == "Ош шаарынын мектеби"


def test_an_up_to_date_page_save_goes_through(client, directory):
    institution = InstitutionPageFactory(parent=directory, title="Ош мектеби")
    institution.save_revision()
    client.force_login(make_user("first", superuser=True))
    url = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    html = client.get(url).content.decode()
    assert hidden(html, "loaded_revision_id") == str(institution.get_latest_revision().pk)
    # The check lets the current editor through (whatever the form says about other fields).
    response = client.post(url, page_edit_post(institution, hidden(html, "loaded_revision_id")))
    assert not any("Someone else saved this page" in m for m in messages_of(response))


def test_an_editors_own_autosave_is_not_a_conflict(client, directory):
    # Wagtail autosaves a revision while the editor types; a Save clicked before the form has heard back
    # still names the revision it was loaded from. That newer revision is the editor's own: the save goes on.
    institution = InstitutionPageFactory(parent=directory, title="Ош мектеби")
    institution.save_revision()
    editor = make_user("first", superuser=True)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    loaded = hidden(client.get(url).content.decode(), "loaded_revision_id")
    page = Page.objects.get(pk=institution.pk).specific
    page.title = "Ош мектеби (автосактоо)"
    page.save_revision(user=editor)  # the autosave

    response = client.post(url, page_edit_post(institution, loaded, title="Ош шаарынын мектеби"))
    # Wagtail's own form handling takes over (this bare post answers with its form), no refusal.
    assert not any("Someone else saved this page" in m for m in messages_of(response))
    assert response.status_code == 200


def test_another_editors_revision_after_an_autosave_is_still_a_conflict(client, directory):
    institution = InstitutionPageFactory(parent=directory, title="Ош мектеби")
    institution.save_revision()
    first, second = make_user("first", superuser=True), make_user("second", superuser=True)
    url = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    client.force_login(second)
    loaded = hidden(client.get(url).content.decode(), "loaded_revision_id")
    page = Page.objects.get(pk=institution.pk).specific
    page.save_revision(user=second)  # the second editor's own autosave
    page.title = "Биринчи редактордун аты"
    page.save_revision(user=first)  # then the first editor saves

    response = client.post(url, page_edit_post(institution, loaded, title="Экинчи редактордун аты"))
    assert any("Someone else saved this page" in m for m in messages_of(response))
    latest = Page.objects.get(pk=institution.pk).specific.get_latest_revision_as_object()
    assert latest.title == "Биринчи редактордун аты"


# The self-assessment report: optimistic locking and saving per section.

@pytest.fixture
def report(directory):
    return create_report(InstitutionPageFactory(parent=directory, title="Бишкек колледжи"), YEAR)


def report_data(report, **overrides):
    fields = [
        "institution_name", "founding_history", "head_name", "head_phone", "head_email", "licences",
        "earlier_accreditation", "address", "phones", "fax", "email", "website",
        "conclusion", "commission_chair", "commission_members", "confirmed_by",
    ]
    data = {name: getattr(report, name) for name in fields}
    data.update({"confirmed_on": "", "action": "save", "version": report.version})
    for prefix, rows, names in (
        ("staff", list(report.staff_years.all()), ["year", "teaching_staff", "support_staff"]),
        ("learners", list(report.programme_learners.all()), ["programme", "learners"]),
        ("criteria", list(report.assessments.all()), ["result", "comment", "links"]),
        ("standards", list(report.standard_summaries.all()), ["strengths", "weaknesses"]),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-report"] = report.pk
            for name in names:
                data[f"{prefix}-{i}-{name}"] = getattr(row, name)
    data.update(overrides)
    return data


def test_the_second_editor_of_a_report_is_told_and_the_first_ones_work_stays(client, report):
    editor, other = editor_of(report.institution), editor_of(report.institution, "other")
    url = reverse("selfassessment:edit", args=[report.pk])
    client.force_login(editor)
    assert hidden(client.get(url).content.decode(), "version") == "0"
    loaded = SelfAssessmentReport.objects.get(pk=report.pk)  # what both editors see

    client.force_login(other)
    assert client.post(url, report_data(loaded, head_name="Биринчи Сакталды")).status_code == 302

    client.force_login(editor)
    response = client.post(url, report_data(loaded, head_name="Экинчи Редактор", conclusion="Менин корутундум"))
    assert response.status_code == 409
    assert any("Someone else saved this report" in m for m in messages_of(response))
    html = response.content.decode()
    assert "Экинчи Редактор" in html and "Менин корутундум" in html  # the second editor's typing, shown again
    report.refresh_from_db()
    assert report.head_name == "Биринчи Сакталды" and report.conclusion != "Менин корутундум"
    assert report.version == 1


def test_the_conflict_message_is_shown_in_the_editors_language(client, report):
    user = editor_of(report.institution)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    stale = report_data(report)
    SelfAssessmentReport.objects.filter(pk=report.pk).update(version=5)
    response = client.post(reverse("selfassessment:edit", args=[report.pk]), stale)
    assert response.status_code == 409
    assert "сохранил этот отчёт" in response.content.decode()


def test_saving_a_section_keeps_it_and_earlier_sections_when_later_ones_never_arrive(client, report):
    client.force_login(editor_of(report.institution))
    url = reverse("selfassessment:edit", args=[report.pk])
    conclusion_before = report.conclusion
    full = report_data(report, head_name="Жаңы Жетекчи", **{"criteria-0-result": "met", "criteria-0-comment": "Далил"})
    # What the browser had sent when it was closed after section 2: introduction, its tables and the criteria.
    posted = {k: v for k, v in full.items() if not k.startswith("standards-") and k not in (
        "conclusion", "commission_chair", "commission_members", "confirmed_by", "confirmed_on")}
    posted["section"] = "criteria"
    response = client.post(url, posted)
    assert response.status_code == 302 and response.url.endswith("#section-criteria")
    report.refresh_from_db()
    assert report.head_name == "Жаңы Жетекчи"
    first = report.assessments.get(criterion__code="1.1")
    assert (first.result, first.comment) == ("met", "Далил")
    assert report.conclusion == conclusion_before
    assert report.version == 1


def test_a_section_save_does_not_blank_fields_that_were_not_posted(client, report):
    SelfAssessmentReport.objects.filter(pk=report.pk).update(website="https://college.kg", commission_chair="Бекова")
    report.refresh_from_db()
    client.force_login(editor_of(report.institution))
    response = client.post(reverse("selfassessment:edit", args=[report.pk]), {
        "version": report.version, "section": "introduction", "institution_name": "Жаңы аты", "head_name": "Х",
    })
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.institution_name, report.website, report.commission_chair) == ("Жаңы аты", "https://college.kg", "Бекова")
    assert report.assessments.count() == 32


def test_a_save_that_races_past_the_first_check_is_still_refused(client, report, monkeypatch):
    """Both editors passed the version check; the one whose compare-and-set comes second is rolled back."""
    client.force_login(editor_of(report.institution))
    data = report_data(report, head_name="Кечиккен")
    original_save = ReportForms.is_valid

    def other_editor_saves_meanwhile(self):
        SelfAssessmentReport.objects.filter(pk=report.pk).update(version=1, head_name="Биринчи")
        return original_save(self)

    monkeypatch.setattr(ReportForms, "is_valid", other_editor_saves_meanwhile)
    response = client.post(reverse("selfassessment:edit", args=[report.pk]), data)
    assert response.status_code == 409
    report.refresh_from_db()
    assert (report.head_name, report.version) == ("Биринчи", 1)
