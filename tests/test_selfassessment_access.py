"""Only an institution's own editors edit its report; its reviewers and the ministry read it; nobody else."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from selfassessment import workflow
from selfassessment.access import report_access, visible_reports
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .factories import InstitutionPageFactory
from .selfassessment_helpers import complete, editor_of, make_user, ministry_user, reviewer_of
from .test_selfassessment_report import edit_data

YEAR = 2025


@pytest.fixture
def world(directory):
    a = InstitutionPageFactory(parent=directory, title="А колледжи")
    b = InstitutionPageFactory(parent=directory, title="Б колледжи")
    return {
        "a": a,
        "b": b,
        "report_a": create_report(a, YEAR),
        "report_b": create_report(b, YEAR),
        "editor_a": editor_of(a, "editor_a"),
        "reviewer_a": reviewer_of(a, "reviewer_a"),
        "ministry": ministry_user(),
    }


def urls(report):
    return {
        "edit": reverse("selfassessment:edit", args=[report.pk]),
        "docx": reverse("selfassessment:export", args=[report.pk, "docx"]) + "?lang=ky",
        "review": reverse("selfassessment:review", args=[report.pk]),
    }


def test_editor_of_a_edits_a_and_cannot_reach_b(client, world):
    client.force_login(world["editor_a"])
    response = client.get(urls(world["report_a"])["edit"])
    assert response.status_code == 200 and 'name="head_name"' in response.content.decode()

    report_b = world["report_b"]
    for url in urls(report_b).values():
        assert client.get(url).status_code in (403, 405)
    assert client.post(urls(report_b)["edit"], edit_data(report_b, head_name="Бөтөн")).status_code == 403
    assert client.post(urls(report_b)["review"], {"action": "accept"}).status_code == 403
    report_b.refresh_from_db()
    assert report_b.head_name != "Бөтөн"

    listing = client.get(reverse("selfassessment:index")).content.decode()
    assert "А колледжи" in listing and "Б колледжи" not in listing


def test_editor_cannot_accept_their_own_report(client, world):
    report = complete(world["report_a"])
    workflow.submit(report, None)
    client.force_login(world["editor_a"])
    assert client.post(urls(report)["review"], {"action": "accept"}).status_code == 403
    report.refresh_from_db()
    assert report.status == SelfAssessmentReport.Status.SUBMITTED


def test_editor_can_only_create_reports_for_their_institution(client, world):
    client.force_login(world["editor_a"])
    response = client.post(reverse("selfassessment:create"), {"institution": world["b"].pk, "year": 2024})
    assert response.status_code == 200  # "not one of the available choices"
    assert not SelfAssessmentReport.objects.filter(year=2024).exists()


def test_reviewer_reads_and_reviews_but_does_not_edit(client, world):
    report = world["report_a"]
    client.force_login(world["reviewer_a"])
    response = client.get(urls(report)["edit"])
    assert response.status_code == 200 and 'name="head_name"' not in response.content.decode()
    assert client.post(urls(report)["edit"], edit_data(report)).status_code == 403
    assert client.get(urls(report)["docx"]).status_code == 200
    assert client.get(urls(world["report_b"])["edit"]).status_code == 403

    complete(report)
    workflow.submit(report, None)
    client.post(urls(report)["review"], {"action": "accept"})
    report.refresh_from_db()
    assert report.status == SelfAssessmentReport.Status.ACCEPTED


def test_ministry_reads_every_report_but_neither_edits_nor_reviews_without_page_rights(client, world):
    client.force_login(world["ministry"])
    for report in (world["report_a"], world["report_b"]):
        response = client.get(urls(report)["edit"])
        assert response.status_code == 200 and 'name="head_name"' not in response.content.decode()
        assert client.post(urls(report)["edit"], edit_data(report)).status_code == 403
    listing = client.get(reverse("selfassessment:index")).content.decode()
    assert "А колледжи" in listing and "Б колледжи" in listing
    complete(world["report_a"])
    workflow.submit(world["report_a"], None)
    assert client.post(urls(world["report_a"])["review"], {"action": "accept"}).status_code == 403


def test_admin_user_without_rights_gets_403_and_an_empty_list(client, world):
    stranger = make_user("stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert client.get(urls(world["report_a"])["edit"]).status_code == 403
    assert client.get(urls(world["report_a"])["docx"]).status_code == 403
    assert client.get(reverse("selfassessment:create")).status_code == 403
    assert "А колледжи" not in client.get(reverse("selfassessment:index")).content.decode()
    assert visible_reports(stranger, SelfAssessmentReport.objects.all()) == []


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(urls(world["report_a"])["edit"])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_access_rule_follows_the_reports_state(world):
    report = world["report_a"]
    editor, reviewer, ministry = world["editor_a"], world["reviewer_a"], world["ministry"]
    assert report_access(editor, report).edit and not report_access(editor, report).review
    complete(report)
    workflow.submit(report, None)
    assert report_access(editor, report).view and not report_access(editor, report).edit
    assert report_access(reviewer, report).review and not report_access(reviewer, report).edit
    assert report_access(ministry, report).view and not report_access(ministry, report).review
    superuser = make_user("root", superuser=True)
    assert report_access(superuser, report).review


def test_evidence_offers_only_documents_from_collections_the_user_may_choose(client, world):
    root = Collection.get_first_root_node()
    own = root.add_child(name="А колледжи")
    other = root.add_child(name="Б колледжи")
    group = world["editor_a"].groups.get()
    GroupCollectionPermission.objects.create(
        group=group, collection=own, permission=Permission.objects.get(codename="choose_document")
    )
    Document = get_document_model()
    from django.core.files.base import ContentFile

    mine = Document.objects.create(title="Стратегиялык план А", collection=own, file=ContentFile(b"x", "a.txt"))
    theirs = Document.objects.create(title="Б бюджети", collection=other, file=ContentFile(b"x", "b.txt"))

    client.force_login(world["editor_a"])
    report = world["report_a"]
    html = client.get(urls(report)["edit"]).content.decode()
    assert "Стратегиялык план А" in html and "Б бюджети" not in html

    data = edit_data(report, **{"criteria-0-documents": [theirs.pk]})
    assert client.post(urls(report)["edit"], data).status_code == 200  # refused: not a valid choice
    assert not report.assessments.get(criterion__code="1.1").documents.exists()
    data = edit_data(report, **{"criteria-0-documents": [mine.pk]})
    assert client.post(urls(report)["edit"], data).status_code == 302
    assert list(report.assessments.get(criterion__code="1.1").documents.all()) == [mine]


def test_the_admin_menu_offers_self_assessment_to_editors_only(client, world):
    client.force_login(world["editor_a"])
    assert reverse("selfassessment:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    stranger = make_user("stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert reverse("selfassessment:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
