"""Admin home panels by role: an editor's checklist and deadlines, a reviewer's district, the ministry's overview."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from institutions.models import InstitutionPage
from transparency.score import checklist_for_page, score_from_items, scored_rows

from .deadlines import Deadline, deadlines_for
from .membership import roles_of
from .models import InstitutionEditors, ReviewArea
from .workflows import MINISTRY_WORKFLOW_NAME

LEAST_COMPLETE_COUNT = 10
# The ministry's list of institutions with this year's self-assessment report stops here (the
# Self-assessment menu lists them all).
REPORTS_LISTED = 20


def in_default_language(queryset):
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def review_label(workflow, areas=None):
    """What a workflow is called on the dashboard, in the admin's language (the stored names are data)."""
    if workflow.name == MINISTRY_WORKFLOW_NAME:
        return _("Ministry approval")
    area = (areas or {}).get(workflow.pk) or ReviewArea.objects.filter(workflow=workflow).first()
    if area is not None:
        return _("District review: %(area)s") % {"area": area.name}
    return workflow.name


def pending_task_states(tasks):
    """Task states awaiting a decision on the given tasks, with their pages, oldest first."""
    page_type = ContentType.objects.get_for_model(Page)
    states = list(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=tasks)
        .select_related("workflow_state__workflow", "revision")
        .order_by("started_at")
    )
    pages = Page.objects.in_bulk(
        [int(s.workflow_state.object_id) for s in states if s.workflow_state.base_content_type_id == page_type.pk]
    )
    areas = {area.workflow_id: area for area in ReviewArea.objects.filter(
        workflow__in={s.workflow_state.workflow_id for s in states}
    )}
    return [
        {
            "page": pages[int(s.workflow_state.object_id)],
            "task_state": s,
            "label": review_label(s.workflow_state.workflow, areas),
        }
        for s in states
        if int(s.workflow_state.object_id) in pages
    ]


class RolePanel(Component):
    """A dashboard panel; a panel is a list of sections (heading, template, rows), so adding one is appending."""

    template_name = "roles/panels/role_panel.html"
    order = 50

    def __init__(self, panel_id, heading, sections):
        self.panel_id = panel_id
        self.heading = heading
        self.sections = sections

    def get_context_data(self, parent_context):
        return {"panel_id": self.panel_id, "heading": self.heading, "sections": self.sections}


def section(heading, kind, rows, empty):
    return {"heading": heading, "kind": kind, "rows": rows, "empty": empty}


def editor_panel(role, today):
    institution = role.institution()
    if institution is None:
        return None
    # What editors work on: the latest draft, so the checklist moves as soon as they save.
    page = institution.get_latest_revision_as_object() if institution.latest_revision_id else institution
    items = checklist_for_page(page, today)
    todo = [item for item in items if not item.present or item.stale]
    return RolePanel(
        f"roles-editor-{role.pk}",
        _("%(institution)s: disclosures and deadlines") % {"institution": institution.title},
        [
            section(
                _("Score %(score)s of 100: to publish or update") % {"score": score_from_items(items)},
                "checklist",
                [{"item": item, "edit_page": institution} for item in todo],
                _("Every required disclosure is published and up to date."),
            ),
            section(
                _("Deadlines"),
                "deadlines",
                [{"deadline": d, "overdue": d.overdue(today)} for d in deadlines_for(institution, today)],
                _("No deadlines."),
            ),
        ],
    )


def report_sections(institutions, today):
    """This year's self-assessment per institution, and the submitted reports waiting for a review."""
    from selfassessment.dashboard import REPORT_STATES, report_state, reports_by_institution, submitted_reports

    institutions = list(institutions.order_by("title"))
    reports = reports_by_institution(today.year, institutions)
    rows = []
    for institution in institutions:
        report = reports.get(institution.pk)
        rows.append({"title": institution.title, "report": report, "state": REPORT_STATES[report_state(report)]})
    return [
        section(
            _("Self-assessment reports waiting for your review"),
            "reports",
            [
                {"title": r.institution_name, "report": r, "state": _("Submitted for %(year)s") % {"year": r.year}}
                for r in submitted_reports(institutions)
            ],
            _("No self-assessment report is waiting for review."),
        ),
        section(
            _("Self-assessment %(year)s by institution") % {"year": today.year},
            "reports",
            rows,
            _("No institutions yet."),
        ),
    ]


def reviewer_panel(area, today):
    institutions = in_default_language(area.institutions())
    rows = sorted(scored_rows(institutions, extra_fields=("title",), today=today), key=lambda row: row["score"])
    return RolePanel(
        f"roles-reviewer-{area.pk}",
        _("Reviews: %(area)s") % {"area": area.name},
        [
            section(
                _("Waiting for your review"),
                "pending",
                pending_task_states(area.workflow.tasks.all()),
                _("Nothing is waiting for review."),
            ),
            *report_sections(institutions, today),
            *accreditation_sections(today, institutions),
            section(_("Institutions by completeness"), "scores", rows, _("No institutions yet.")),
        ],
    )


def accreditation_sections(today, institutions=None):
    """Accreditations ending within 90 days, remediation reports waiting for a review and those past
    their due date (of `institutions`, else of all)."""
    from accreditation.dashboard import expiring_accreditations, overdue_remediations, reports_awaiting_review

    expiring = [
        {
            "title": institution.title,
            "edit_id": institution.pk,
            "date": institution.accreditation_until,
            "note": _("%(days)s days left") % {"days": (institution.accreditation_until - today).days},
        }
        for institution in expiring_accreditations(today, institutions=institutions)
    ]
    overdue = [
        {
            "title": decision.display_institution,
            "edit_id": decision.institution_id,
            "date": decision.remediation_due,
            "note": _("Decision No. %(number)s; %(days)s days overdue")
            % {"number": decision.number, "days": (today - decision.remediation_due).days},
        }
        for decision in overdue_remediations(today, institutions=institutions)
    ]
    awaiting = [
        {
            "deadline": Deadline(
                _("Decision No. %(number)s: %(institution)s")
                % {"number": report.decision.number, "institution": report.decision.display_institution},
                report.submitted_at.date(),
                note=_("Remediation report submitted, waiting for review"),
                url=reverse("accreditation_remediation_review", args=[report.pk]),
                done=True,
            ),
            "overdue": False,
        }
        for report in reports_awaiting_review(institutions)
    ]
    return [
        section(_("Accreditations expiring within 90 days"), "dated", expiring, _("No accreditation expires soon.")),
        section(
            _("Remediation reports waiting for review"), "deadlines", awaiting,
            _("No remediation report is waiting for review."),
        ),
        section(_("Overdue remediation reports"), "dated", overdue, _("No remediation report is overdue.")),
    ]


def ministry_report_section(today):
    """Which institutions have this year's self-assessment report (and how far it got)."""
    from selfassessment.dashboard import REPORT_STATES, institutions_with_report, report_state, reports_by_institution

    with_report = list(in_default_language(institutions_with_report(today.year)).order_by("title"))
    total = in_default_language(InstitutionPage.objects.all()).count()
    reports = reports_by_institution(today.year, with_report[:REPORTS_LISTED])
    rows = [
        {"title": page.title, "report": reports[page.pk], "state": REPORT_STATES[report_state(reports[page.pk])]}
        for page in with_report[:REPORTS_LISTED]
    ]
    heading = _("Self-assessment %(year)s: %(count)s of %(total)s institutions have a report") % {
        "year": today.year, "count": len(with_report), "total": total,
    }
    result = section(heading, "reports", rows, _("No institution has a report for this year yet."))
    if len(with_report) > REPORTS_LISTED:
        result["more"] = _("and %(count)s more") % {"count": len(with_report) - REPORTS_LISTED}
    return result


def ministry_panel(today):
    from wagtail.models import Workflow

    rows = sorted(
        scored_rows(in_default_language(InstitutionPage.objects.all()), extra_fields=("title",), today=today),
        key=lambda row: (row["score"], row["title"]),
    )[:LEAST_COMPLETE_COUNT]
    workflow = Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).first()
    pending = pending_task_states(workflow.tasks.all()) if workflow else []
    sections = [
        section(_("Waiting for ministry approval"), "pending", pending, _("Nothing is waiting for approval.")),
        *accreditation_sections(today),
        ministry_report_section(today),
        section(_("Least complete institutions"), "scores", rows, _("No institutions yet.")),
    ]
    return RolePanel("roles-ministry", _("Ministry overview"), sections)


def panels_for(user, today=None):
    today = today or date.today()
    panels = []
    for role in InstitutionEditors.objects.filter(group__user=user).select_related("group"):
        panel = editor_panel(role, today)
        if panel:
            panels.append(panel)
    for area in ReviewArea.objects.filter(group__user=user).select_related("workflow"):
        panels.append(reviewer_panel(area, today))
    roles = roles_of(user)
    if roles.superuser or roles.ministry:
        panels.append(ministry_panel(today))
    return panels
