"""Admin home panels by role: an editor's checklist and deadlines, a reviewer's district, the ministry's overview."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from institutions.models import InstitutionPage
from transparency.score import checklist_for_page, score_from_items, scored_rows

from .deadlines import deadlines_for
from .groups import MINISTRY_GROUP_NAME
from .models import InstitutionEditors, ReviewArea
from .workflows import MINISTRY_WORKFLOW_NAME

LEAST_COMPLETE_COUNT = 10


def in_default_language(queryset):
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def pending_task_states(tasks):
    """Task states awaiting a decision on the given tasks, with their pages, oldest first."""
    page_type = ContentType.objects.get_for_model(Page)
    states = list(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=tasks)
        .select_related("workflow_state", "revision")
        .order_by("started_at")
    )
    pages = Page.objects.in_bulk(
        [int(s.workflow_state.object_id) for s in states if s.workflow_state.base_content_type_id == page_type.pk]
    )
    return [
        {"page": pages[int(s.workflow_state.object_id)], "task_state": s}
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
            section(_("Deadlines"), "deadlines", deadlines_for(institution, today), _("No deadlines.")),
        ],
    )


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
            section(_("Institutions by completeness"), "scores", rows, _("No institutions yet.")),
        ],
    )


def ministry_panel(today):
    from wagtail.models import Workflow

    rows = sorted(
        scored_rows(in_default_language(InstitutionPage.objects.all()), extra_fields=("title",), today=today),
        key=lambda row: (row["score"], row["title"]),
    )[:LEAST_COMPLETE_COUNT]
    workflow = Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).first()
    pending = pending_task_states(workflow.tasks.all()) if workflow else []
    # The accreditation app adds sections here (expiring accreditations, overdue remediation).
    sections = [
        section(_("Waiting for ministry approval"), "pending", pending, _("Nothing is waiting for approval.")),
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
    if user.is_superuser or user.groups.filter(name=MINISTRY_GROUP_NAME).exists():
        panels.append(ministry_panel(today))
    return panels
