"""Only an institution's own editors edit its report; its district's reviewers read and review it; the
ministry reads every report; nobody else reaches one. Users hold the roles the system gives them
(tests/roles_setup.py): institution A is in district X, B in district Y."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from selfassessment import workflow
from selfassessment.access import ReportAccess, report_access, visible_reports
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .roles_setup import editors_of, ministry_user
from .selfassessment_helpers import complete
from .shared_institutions import directory, home, two_institutions, two_institutions_rows  # noqa: F401 - fixtures
from .test_selfassessment_report import edit_data
from .users import make_user

YEAR = 2025

# One worker runs the whole module, so its institutions are made once (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("selfassessment-access")


@pytest.fixture
def reports(two_institutions):
    a, b = two_institutions
    return {"a": create_report(a, YEAR), "b": create_report(b, YEAR)}


def urls(report):
    return {
        "edit": reverse("selfassessment:edit", args=[report.pk]),
        "docx": reverse("selfassessment:export", args=[report.pk, "docx"]) + "?lang=ky",
        "pdf": reverse("selfassessment:export", args=[report.pk, "pdf"]) + "?lang=ru",
        "review": reverse("selfassessment:review", args=[report.pk]),
    }


def submitted(report):
    complete(report)
    workflow.submit(report, None)
    return report


def status(report):
    report.refresh_from_db()
    return report.status


def test_editor_of_a_edits_a_and_cannot_reach_b(client, people, reports):
    client.force_login(people["editor_a"])
    response = client.get(urls(reports["a"])["edit"])
    assert response.status_code == 200 and 'name="head_name"' in response.content.decode()

    report_b = reports["b"]
    for url in urls(report_b).values():
        assert client.get(url).status_code in (403, 405)
    assert client.post(urls(report_b)["edit"], edit_data(report_b, head_name="Бөтөн")).status_code == 403
    report_b.refresh_from_db()
    assert report_b.head_name != "Бөтөн"

    listing = client.get(reverse("selfassessment:index")).content.decode()
    assert "№1 мектеп A" in listing and "№2 мектеп B" not in listing


def test_editor_cannot_accept_their_own_report(client, people, reports):
    report = submitted(reports["a"])
    client.force_login(people["editor_a"])
    assert client.post(urls(report)["review"], {"action": "accept"}).status_code == 403
    assert status(report) == SelfAssessmentReport.Status.SUBMITTED


def test_editor_can_only_create_reports_for_their_institution(client, two_institutions, people):
    _a, b = two_institutions
    client.force_login(people["editor_a"])
    response = client.post(reverse("selfassessment:create"), {"institution": b.pk, "year": 2024})
    assert response.status_code == 200  # "not one of the available choices"
    assert not SelfAssessmentReport.objects.filter(year=2024).exists()


def test_an_editor_of_one_institution_has_it_chosen_already(client, two_institutions, people):
    a, b = two_institutions
    client.force_login(people["editor_a"])
    html = client.get(reverse("selfassessment:create")).content.decode()
    assert '<select name="institution"' not in html
    assert f'type="hidden" name="institution" value="{a.pk}"' in html and a.title in html and b.title not in html
    response = client.post(reverse("selfassessment:create"), {"institution": a.pk, "year": 2024})
    assert response.status_code == 302 and SelfAssessmentReport.objects.get(year=2024).institution == a

    # Whoever may create reports for several institutions still picks one from the list.
    client.force_login(make_user("admin", superuser=True))
    html = client.get(reverse("selfassessment:create")).content.decode()
    assert '<select name="institution"' in html and a.title in html and b.title in html


def test_the_districts_reviewer_reads_and_does_not_edit_though_they_may_edit_the_page(
    client, two_institutions, people, reports
):
    a, _b = two_institutions
    reviewer, report = people["reviewer_x"], reports["a"]
    # Reviewers hold "change" on their district's pages (to open them for review): that must not make
    # them editors of the report.
    assert a.permissions_for_user(reviewer).can_edit()
    client.force_login(reviewer)
    response = client.get(urls(report)["edit"])
    assert response.status_code == 200 and 'name="head_name"' not in response.content.decode()
    assert client.post(urls(report)["edit"], edit_data(report, head_name="Рецензент")).status_code == 403
    report.refresh_from_db()
    assert report.head_name != "Рецензент"
    assert client.get(urls(report)["docx"]).status_code == 200
    assert client.get(reverse("selfassessment:create")).status_code == 403


def test_the_districts_reviewer_accepts_and_returns(client, people, reports):
    report = submitted(reports["a"])
    client.force_login(people["reviewer_x"])
    client.post(urls(report)["review"], {"action": "return", "comments": "Далилдер жетишсиз."})
    assert status(report) == SelfAssessmentReport.Status.DRAFT
    submitted(report)
    client.post(urls(report)["review"], {"action": "accept"})
    assert status(report) == SelfAssessmentReport.Status.ACCEPTED
    client.post(urls(report)["review"], {"action": "publish"})
    report.refresh_from_db()
    assert report.published


def test_a_reviewer_of_another_district_reaches_nothing(client, people, reports):
    report = submitted(reports["a"])
    client.force_login(people["reviewer_y"])
    for url in urls(report).values():
        assert client.get(url).status_code in (403, 405)
    assert client.post(urls(report)["review"], {"action": "accept"}).status_code == 403
    assert client.post(urls(report)["review"], {"action": "return", "comments": "Жок"}).status_code == 403
    assert status(report) == SelfAssessmentReport.Status.SUBMITTED
    listing = client.get(reverse("selfassessment:index")).content.decode()
    assert "№1 мектеп A" not in listing and "№2 мектеп B" in listing


def test_the_ministry_reads_every_report_and_neither_edits_nor_reviews(client, two_institutions, reports):
    minister = ministry_user()
    # The ministry edits every page of the tree; the report stays the institution's and its district's.
    assert two_institutions[0].permissions_for_user(minister).can_edit()
    client.force_login(minister)
    for report in reports.values():
        response = client.get(urls(report)["edit"])
        assert response.status_code == 200 and 'name="head_name"' not in response.content.decode()
        assert client.post(urls(report)["edit"], edit_data(report, head_name="Министрлик")).status_code == 403
        report.refresh_from_db()
        assert report.head_name != "Министрлик"
    listing = client.get(reverse("selfassessment:index")).content.decode()
    assert "№1 мектеп A" in listing and "№2 мектеп B" in listing
    report = submitted(reports["a"])
    assert client.post(urls(report)["review"], {"action": "accept"}).status_code == 403
    assert status(report) == SelfAssessmentReport.Status.SUBMITTED


def test_a_superuser_does_everything(client, two_institutions, reports):
    client.force_login(make_user("root", superuser=True))
    report = reports["a"]
    assert client.post(urls(report)["edit"], edit_data(report, head_name="Админ")).status_code == 302
    report.refresh_from_db()
    assert report.head_name == "Админ"
    submitted(report)
    client.post(urls(report)["review"], {"action": "accept"})
    assert status(report) == SelfAssessmentReport.Status.ACCEPTED
    response = client.post(reverse("selfassessment:create"), {"institution": two_institutions[1].pk, "year": 2024})
    assert response.status_code == 302


def test_admin_user_without_a_role_gets_403_and_an_empty_list(client, reports):
    stranger = make_user("stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert client.get(urls(reports["a"])["edit"]).status_code == 403
    assert client.get(urls(reports["a"])["docx"]).status_code == 403
    assert client.get(reverse("selfassessment:create")).status_code == 403
    assert "№1 мектеп A" not in client.get(reverse("selfassessment:index")).content.decode()
    assert visible_reports(stranger, SelfAssessmentReport.objects.all()) == []


def test_anonymous_visitors_are_sent_to_the_login(client, reports):
    response = client.get(urls(reports["a"])["edit"])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_access_rule_follows_the_reports_state(people, reports):
    report = reports["a"]
    editor, reviewer, other_reviewer = people["editor_a"], people["reviewer_x"], people["reviewer_y"]
    minister = ministry_user()
    assert report_access(editor, report) == ReportAccess(view=True, edit=True)
    assert report_access(reviewer, report).view and not report_access(reviewer, report).edit
    submitted(report)
    assert report_access(editor, report).view and not report_access(editor, report).edit
    assert report_access(reviewer, report).review and not report_access(reviewer, report).edit
    assert not report_access(other_reviewer, report).view
    assert report_access(minister, report).view and not report_access(minister, report).review
    assert not report_access(people["editor_b"], report).view
    assert report_access(make_user("root", superuser=True), report).review


def test_evidence_offers_only_documents_of_the_institutions_own_collection(client, two_institutions, people, reports):
    a, b = two_institutions
    Document = get_document_model()
    mine = Document.objects.create(
        title="Стратегиялык план А", collection=editors_of(a).collection, file=ContentFile(b"x", "a.txt")
    )
    theirs = Document.objects.create(
        title="Б бюджети", collection=editors_of(b).collection, file=ContentFile(b"x", "b.txt")
    )
    report = reports["a"]
    # A superuser may choose any document in Wagtail; a report's evidence is still the institution's own.
    for user in (people["editor_a"], make_user("root", superuser=True)):
        client.force_login(user)
        html = client.get(urls(report)["edit"]).content.decode()
        assert "Стратегиялык план А" in html and "Б бюджети" not in html

    client.force_login(people["editor_a"])
    data = edit_data(report, **{"criteria-0-documents": [theirs.pk]})
    assert client.post(urls(report)["edit"], data).status_code == 200  # refused: not a valid choice
    assert not report.assessments.get(criterion__code="1.1").documents.exists()
    data = edit_data(report, **{"criteria-0-documents": [mine.pk]})
    assert client.post(urls(report)["edit"], data).status_code == 302
    assert list(report.assessments.get(criterion__code="1.1").documents.all()) == [mine]


def test_the_admin_menu_offers_self_assessment_to_the_roles_only(client, people):
    for who in ("editor_a", "reviewer_x"):
        client.force_login(people[who])
        assert reverse("selfassessment:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    stranger = make_user("stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert reverse("selfassessment:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
