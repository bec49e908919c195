"""Dashboards by role, inviting editors (admin view and command), the audit of group changes, demo users."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accreditation.models import RemediationReport
from roles.dashboard import panels_for
from roles.groups import ensure_ministry_group
from roles.workflows import ensure_ministry_workflow
from selfassessment import workflow as report_workflow
from selfassessment.prefill import create_report

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory, make_document
from .factories import InstitutionPageFactory
from .roles_setup import approver_user, editors_of, make_user, ministry_user
from .selfassessment_helpers import complete
from .shared_institutions import directory, home, two_institutions, two_institutions_rows  # noqa: F401 - fixtures
from .users import english_admin

# One worker runs the whole module, so its institutions are made once (make test: --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("roles-admin")]


def home_html(client, user):
    # Read the dashboard in English (test_admin_kyrgyz.py reads it in Kyrgyz).
    client.force_login(english_admin(user))
    with translation.override("en"):
        response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_editor_dashboard_lists_missing_and_stale_disclosures_and_the_self_assessment(client, two_institutions, people):
    a, _b = two_institutions
    a.strategic_plan = "<p>Plan</p>"
    a.strategic_plan_updated = date.today() - timedelta(days=400)
    a.save_revision().publish()
    html = home_html(client, people["editor_a"])
    assert "№1 мектеп A: disclosures and deadlines" in html
    assert "Stale: last updated" in html  # the strategic plan
    assert "Missing" in html
    assert f"Self-assessment report {date.today().year}" in html
    assert "Not started" in html and reverse("selfassessment:create") in html
    assert "№2 мектеп B" not in html


def section_rows(user, kind, today, heading_start=""):
    """The rows of the first dashboard section of `kind` (whose heading starts so) for the user on `today`."""
    with translation.override("en"):
        for panel in panels_for(user, today):
            for section in panel.sections:
                if section["kind"] == kind and str(section["heading"]).startswith(heading_start):
                    return section, section["rows"]
    raise AssertionError(f"no {kind} section")


def self_assessment_line(user, today):
    _section, rows = section_rows(user, "deadlines", today)
    [row] = [row for row in rows if str(row["deadline"].label).startswith("Self-assessment report")]
    with translation.override("en"):
        return str(row["deadline"].note), row["overdue"]


def test_the_self_assessment_deadline_follows_this_years_report(two_institutions, people):
    a, _b = two_institutions
    editor = people["editor_a"]
    after_the_due_date = date(2025, 7, 1)
    assert self_assessment_line(editor, after_the_due_date) == ("Not started", True)
    report = create_report(a, 2025)
    assert self_assessment_line(editor, after_the_due_date) == ("Draft", True)
    report_workflow.submit(complete(report), editor)
    assert self_assessment_line(editor, after_the_due_date) == ("Submitted, waiting for review", False)
    report_workflow.accept(report, people["reviewer_x"])
    assert self_assessment_line(editor, after_the_due_date) == ("Accepted", False)
    report_workflow.return_to_draft(report, people["reviewer_x"], "Далил жок.")
    assert self_assessment_line(editor, after_the_due_date) == ("Returned with comments", True)
    # Last year's report does not count for this year.
    assert self_assessment_line(editor, date(2026, 7, 1)) == ("Not started", True)


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


def test_remediation_due_dates_are_among_the_editors_deadlines(client, two_institutions, people, register):
    a, b = two_institutions
    today = date.today()
    overdue = AccreditationDecisionPageFactory(
        parent=register,
        institution=a,
        number="12/A",
        shortcomings="<p>Китепкана жок.</p>",
        decision_date=today - timedelta(days=120),
    )
    AccreditationDecisionPageFactory(
        parent=register, institution=a, number="13/A", shortcomings=""
    )  # nothing to remedy
    AccreditationDecisionPageFactory(parent=register, institution=b, number="14/B", shortcomings="<p>Жок.</p>")
    draft = AccreditationDecisionPageFactory(
        parent=register, institution=a, number="15/A", shortcomings="<p>Жок.</p>", live=False
    )
    _section, rows = section_rows(people["editor_a"], "deadlines", today)
    remediation = [row for row in rows if "Remediation" in str(row["deadline"].label)]
    assert [(str(row["deadline"].label), row["deadline"].due, row["overdue"]) for row in remediation] == [
        ("Remediation report for decision No. 12/A", overdue.remediation_due, True)
    ]
    html = home_html(client, people["editor_a"])
    assert "Remediation report for decision No. 12/A" in html
    assert reverse("accreditation_remediation_submit", args=[overdue.pk]) in html
    assert "14/B" not in html and draft.number not in html

    report = RemediationReport.objects.create(
        decision=overdue, document=make_document(), submitted_by=people["editor_a"]
    )
    # Submitted: the editors' part is done (not overdue) while the district's reviewer looks at it.
    _section, rows = section_rows(people["editor_a"], "deadlines", today)
    with translation.override("en"):
        remediation = [
            (row["overdue"], str(row["deadline"].note)) for row in rows if "Remediation" in str(row["deadline"].label)
        ]
    assert remediation == [(False, "Submitted, waiting for review")]
    _section, waiting = section_rows(people["reviewer_x"], "deadlines", today, "Remediation reports waiting")
    assert [row["deadline"].url for row in waiting] == [reverse("accreditation_remediation_review", args=[report.pk])]
    assert section_rows(people["reviewer_y"], "deadlines", today, "Remediation reports waiting")[1] == []
    report.review_state = RemediationReport.Review.ACCEPTED
    report.save()
    _section, rows = section_rows(people["editor_a"], "deadlines", today)
    assert not [row for row in rows if "Remediation" in str(row["deadline"].label)]
    assert section_rows(people["reviewer_x"], "deadlines", today, "Remediation reports waiting")[1] == []


def test_reviewer_dashboard_shows_this_years_self_assessment_per_institution(
    client, two_institutions, people, directory
):
    a, b = two_institutions
    year = date.today().year
    quiet = InstitutionPageFactory(parent=directory, title="Отчетсуз мектеп", district=a.district, region=a.region)
    report = complete(create_report(a, year))
    report_workflow.submit(report, people["editor_a"])
    old = complete(create_report(quiet, year - 1))
    report_workflow.submit(old, None)
    create_report(b, year)  # another district's

    _section, waiting = section_rows(people["reviewer_x"], "reports", date.today(), "Self-assessment reports waiting")
    assert [row["report"] for row in waiting] == [report, old]
    _section, per_institution = section_rows(people["reviewer_x"], "reports", date.today(), f"Self-assessment {year}")
    with translation.override("en"):
        assert [(row["title"], str(row["state"])) for row in per_institution] == [
            ("Отчетсуз мектеп", "Not started"),
            ("№1 мектеп A", "Submitted, waiting for review"),
        ]
    html = home_html(client, people["reviewer_x"])
    assert reverse("selfassessment:edit", args=[report.pk]) in html
    assert reverse("selfassessment:edit", args=[old.pk]) in html
    assert "№2 мектеп B" not in html


def test_reviewer_dashboard_lists_the_district_and_pending_reviews(client, two_institutions, people):
    a, _b = two_institutions
    page = a.get_latest_revision_as_object()
    page.title = "A waiting for review"
    page.save_revision(user=people["editor_a"])
    a.get_workflow().start(a, people["editor_a"])
    html = home_html(client, people["reviewer_x"])
    assert "Waiting for your review" in html
    assert "A waiting for review" in html
    assert "Райондук кароо: Ленин району" in html
    assert "of 100" in html
    assert "№2 мектеп B" not in html


def test_ministry_dashboard_lists_least_complete_and_pending_approvals(client, two_institutions, directory):
    minister = make_user("minister", ensure_ministry_group())
    ensure_ministry_workflow(directory)
    empty = InstitutionPageFactory(parent=directory, title="Empty institution", mission="", mission_updated=None)
    empty.save_revision().publish()
    html = home_html(client, minister)
    assert "Least complete institutions" in html
    assert html.index("Empty institution") < html.index("№1 мектеп A")
    assert "Nothing is waiting for approval." in html


def test_ministry_dashboard_lists_expiring_accreditations_overdue_remediation_and_reports(
    client, two_institutions, register
):
    a, b = two_institutions
    today = date.today()
    # A: accredited until a month from now; an older decision's expiry no longer counts.
    AccreditationDecisionPageFactory(
        parent=register,
        institution=a,
        decision_date=today - timedelta(days=2000),
        valid_until=today + timedelta(days=10),
    )
    AccreditationDecisionPageFactory(
        parent=register,
        institution=a,
        decision_date=today - timedelta(days=1800),
        valid_until=today + timedelta(days=30),
    )
    # B: accredited for years, but its remediation report is overdue.
    overdue = AccreditationDecisionPageFactory(
        parent=register,
        institution=b,
        number="7/B",
        shortcomings="<p>Лаборатория жок.</p>",
        decision_date=today - timedelta(days=120),
    )
    report = complete(create_report(a, today.year))
    report_workflow.submit(report, None)
    create_report(b, today.year - 1)

    _section, expiring = section_rows(ministry_user(), "dated", today, "Accreditations expiring")
    assert [(row["title"], row["date"]) for row in expiring] == [("№1 мектеп A", today + timedelta(days=30))]
    _section, late = section_rows(ministry_user("m2"), "dated", today, "Overdue remediation")
    assert [(row["title"], row["date"]) for row in late] == [("№2 мектеп B", overdue.remediation_due)]
    section, reports = section_rows(ministry_user("m3"), "reports", today, "Self-assessment")
    assert str(section["heading"]) == f"Self-assessment {today.year}: 1 of 2 institutions have a report"
    assert [row["report"] for row in reports] == [report]

    html = home_html(client, ministry_user("m4"))
    assert "Accreditations expiring within 90 days" in html and "30 days left" in html
    assert "Decision No. 7/B; " in html and "days overdue" in html
    assert "Submitted, waiting for review" in html
    assert reverse("selfassessment:edit", args=[report.pk]) in html


def test_ministry_invites_an_editor_who_sets_a_password(client, two_institutions):
    a, _b = two_institutions
    minister = make_user("minister", ensure_ministry_group())
    client.force_login(minister)
    assert client.get(reverse("roles_invite_editor")).status_code == 200
    response = client.post(
        reverse("roles_invite_editor"), {"email": "New.Editor@example.kg", "name": "Айгүл Асанова", "institution": a.pk}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.editor@example.kg")
    assert user.first_name == "Айгүл"
    assert editors_of(a).group in user.groups.all()
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password_reset/confirm/" in line)
    # The link opens Wagtail's set-password form; the new password logs in.
    client.logout()
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(set_password_url, {"new_password1": "Tynystanov-1931!", "new_password2": "Tynystanov-1931!"})
    assert response.status_code == 302
    # Through the admin's sign-in form: django-axes needs the request that client.login() would not pass.
    signed_in = client.post(
        reverse("wagtailadmin_login"), {"username": "new.editor@example.kg", "password": "Tynystanov-1931!"}
    )
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    # The ministry sees the invitation and the membership change in Site history.
    client.force_login(minister)
    with translation.override("en"):
        history = client.get(reverse("wagtailadmin_reports:site_history"), HTTP_ACCEPT_LANGUAGE="en")
    html = history.content.decode()
    assert "Invited new.editor@example.kg to edit №1 мектеп A" in html
    assert "Added new.editor@example.kg to the group" in html


def test_only_the_ministry_can_invite(client, people):
    client.force_login(people["editor_a"])
    response = client.get(reverse("roles_invite_editor"))
    assert response.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@example.kg").exists()


def test_inviting_an_editor_of_another_institution_is_refused_with_a_message(client, two_institutions, people):
    _a, b = two_institutions
    minister = make_user("minister", ensure_ministry_group())
    english_admin(minister)
    client.force_login(minister)
    with translation.override("en"):
        response = client.post(reverse("roles_invite_editor"), {"email": "editor-a@example.kg", "institution": b.pk})
    assert response.status_code == 200
    assert "already edits another institution" in response.content.decode()
    assert editors_of(b).group not in people["editor_a"].groups.all()


def test_inviting_a_reviewer_is_refused_with_a_message(client, two_institutions, people):
    a, _b = two_institutions
    minister = make_user("minister", ensure_ministry_group())
    client.force_login(minister)
    # The reviewer of A's own district, asked in another case of the address.
    with translation.override("en"):
        response = client.post(reverse("roles_invite_editor"), {"email": "Reviewer-X@example.kg", "institution": a.pk})
    assert response.status_code == 200
    assert "belongs to a district reviewer or a ministry user" in response.content.decode()
    assert editors_of(a).group not in people["reviewer_x"].groups.all()
    assert not mail.outbox


@pytest.mark.parametrize("make", [lambda: ministry_user("other-minister"), lambda: approver_user("other-approver")])
def test_the_invite_command_refuses_ministry_users_and_reviewers(two_institutions, people, make):
    a, _b = two_institutions
    for user in (make(), people["reviewer_y"]):
        with translation.override("ru"), pytest.raises(CommandError, match="пользователю министерства"):
            call_command("invite_editor", "--email", user.email, "--institution", a.slug, "--no-mail")
        assert editors_of(a).group not in user.groups.all()


def test_invite_editor_command(two_institutions, capsys):
    a, _b = two_institutions
    call_command("invite_editor", "--email", "head@example.kg", "--institution", a.slug, "--no-mail")
    out = capsys.readouterr().out
    assert "Set-password link: http://testserver/admin/password_reset/confirm/" in out
    assert editors_of(a).group.user_set.filter(email="head@example.kg").exists()
    assert not mail.outbox
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="No institution has the id or slug “no-such-school”"),
    ):
        call_command("invite_editor", "--email", "x@example.kg", "--institution", "no-such-school")
    assert not get_user_model().objects.filter(email="x@example.kg").exists()


def test_membership_changes_are_logged(two_institutions, people):
    a, _b = two_institutions
    group = editors_of(a).group
    group.user_set.remove(people["editor_a"])
    entries = ModelLogEntry.objects.filter(object_id=str(group.pk)).values_list("action", flat=True)
    assert "roles.add_member" in entries
    assert "roles.remove_member" in entries


def test_demo_users_for_every_role_log_in(client, two_institutions, settings, tmp_path, capsys):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    call_command("ensure_demo_users")
    out = capsys.readouterr().out
    stored = json.loads((tmp_path / ".demo_passwords").read_text())
    assert set(stored) == {"ministry", "approver", "editor1", "editor2", "reviewer"}
    for username, password in stored.items():
        assert f"{username} / {password}" in out
        signed_in = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
        assert signed_in.status_code == 302 and "_auth_user_id" in client.session
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    call_command("ensure_demo_users")
    assert json.loads((tmp_path / ".demo_passwords").read_text()) == stored


def test_demo_users_are_refused_without_debug(two_institutions, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_users")
    assert not get_user_model().objects.filter(username="ministry").exists()


def test_page_types_usage_report_is_for_the_ministry_only(client, people):
    url = reverse("wagtailadmin_reports:page_types_usage")
    client.force_login(people["editor_a"])
    response = client.get(url)
    assert response.status_code in (302, 403)
    client.force_login(make_user("minister", ensure_ministry_group()))
    assert client.get(url).status_code == 200


def test_reports_menu_offers_only_what_the_user_may_open(client, people):
    types_report = reverse("wagtailadmin_reports:page_types_usage")
    translations = reverse("wagtail_localize:translations_report")
    for user in (people["editor_a"], people["reviewer_x"]):
        html = home_html(client, user)
        assert types_report not in html and translations not in html
        assert reverse("wagtailadmin_reports:site_history") in html  # the menu itself is still there
    html = home_html(client, make_user("menu-minister", ensure_ministry_group()))
    assert types_report in html and translations in html


def test_the_ministry_may_import_the_registry_and_editors_may_not(client, people):
    url = reverse("registry_import")
    minister = make_user("registrar", ensure_ministry_group())
    client.force_login(minister)
    assert client.get(url).status_code == 200
    client.force_login(people["editor_a"])
    assert client.get(url).status_code in (302, 403)


def test_dashboard_labels_follow_the_admin_language(two_institutions, people):
    a, _b = two_institutions
    a.save_revision(user=people["editor_a"])
    a.get_workflow().start(a, people["editor_a"])
    with translation.override("ru"):
        [panel] = panels_for(people["reviewer_x"])
        html = panel.render_html({})
    # The workflow's and task's stored names are data; the panel names the review in the admin's language.
    assert "Проверка района: Ленин району" in html
    assert a.get_workflow().tasks.first().name not in html and "Райондук кароо" not in html
    assert "Не начат" in html and "Отчёты по самооценке, ожидающие вашей проверки" in html


def test_reviewer_and_editor_see_their_own_accreditation_deadlines(client, two_institutions, people, register):
    a, b = two_institutions  # a in district X, b in district Y
    today = date.today()
    AccreditationDecisionPageFactory(
        parent=register,
        institution=a,
        decision_date=today - timedelta(days=1800),
        valid_until=today + timedelta(days=45),
    )
    AccreditationDecisionPageFactory(
        parent=register,
        institution=b,
        decision_date=today - timedelta(days=1800),
        valid_until=today + timedelta(days=20),
    )
    late = AccreditationDecisionPageFactory(
        parent=register,
        institution=a,
        number="8/A",
        shortcomings="<p>Китепкана жок.</p>",
        kind="programme",
        decision_date=today - timedelta(days=120),
    )

    _section, expiring = section_rows(people["reviewer_x"], "dated", today, "Accreditations expiring")
    assert [(row["title"], row["date"]) for row in expiring] == [("№1 мектеп A", today + timedelta(days=45))]
    _section, overdue = section_rows(people["reviewer_x"], "dated", today, "Overdue remediation")
    assert [(row["title"], row["date"]) for row in overdue] == [("№1 мектеп A", late.remediation_due)]

    _section, rows = section_rows(people["editor_a"], "deadlines", today)
    with translation.override("en"):
        ends = [
            (str(row["deadline"].label), row["deadline"].due)
            for row in rows
            if "Accreditation" in str(row["deadline"].label)
        ]
    assert ends == [("Accreditation ends", today + timedelta(days=45))]
    _section, rows = section_rows(people["editor_b"], "deadlines", today)
    with translation.override("en"):
        ends = [row["deadline"].due for row in rows if "Accreditation" in str(row["deadline"].label)]
    assert ends == [today + timedelta(days=20)]
