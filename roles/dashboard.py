"""Admin home panels by role: an editor's checklist and deadlines, a reviewer's district, the ministry's overview.

The panels are roles' own; most of their sections come from the apps that know the subject
(transparency, self-assessment, accreditation), registered with register_sections from their apps.py.
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, Workflow

from .deadlines import deadlines_for
from .membership import roles_of
from .models import InstitutionEditors, ReviewArea
from .workflows import MINISTRY_WORKFLOW_NAME

# Sections other apps add to the panels, from their own apps.py: roles knows none of them.
# Panel kind → [(order, builder)]; a builder returns a list of sections:
#   "editor":   builder(institution, today), the institution the editors edit;
#   "reviewer": builder(institutions, today), the review area's institutions (default language);
#   "ministry": builder(today).
_section_builders = {"editor": [], "reviewer": [], "ministry": []}
# Sections of roles itself sit at these places among them.
PENDING_ORDER = 0  # reviewer and ministry: what waits for a decision comes first
DEADLINES_ORDER = 20  # editor: after the disclosures checklist


def register_sections(kind, order, builder):
    """Add `builder`'s sections to every panel of `kind`, at `order` (lower first)."""
    builders = _section_builders[kind]
    if all(existing is not builder for _order, existing in builders):
        builders.append((order, builder))
        builders.sort(key=lambda item: item[0])
    return builder


def registered_sections(kind, *args, own=()):
    """The sections of a panel: the registered builders' and roles' own `(order, section)` pairs, in order."""
    parts = [(order, [item]) for order, item in own]
    parts += [(order, builder(*args)) for order, builder in _section_builders[kind]]
    return [item for _order, items in sorted(parts, key=lambda part: part[0]) for item in items]


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
    areas = {
        area.workflow_id: area
        for area in ReviewArea.objects.filter(workflow__in={s.workflow_state.workflow_id for s in states})
    }
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
    deadlines = section(
        _("Deadlines"),
        "deadlines",
        [{"deadline": d, "overdue": d.overdue(today)} for d in deadlines_for(institution, today)],
        _("No deadlines."),
    )
    return RolePanel(
        f"roles-editor-{role.pk}",
        _("%(institution)s: disclosures and deadlines") % {"institution": institution.title},
        registered_sections("editor", institution, today, own=[(DEADLINES_ORDER, deadlines)]),
    )


def reviewer_panel(area, today):
    institutions = in_default_language(area.institutions())
    pending = section(
        _("Waiting for your review"),
        "pending",
        pending_task_states(area.workflow.tasks.all()),
        _("Nothing is waiting for review."),
    )
    return RolePanel(
        f"roles-reviewer-{area.pk}",
        _("Reviews: %(area)s") % {"area": area.name},
        registered_sections("reviewer", institutions, today, own=[(PENDING_ORDER, pending)]),
    )


def ministry_panel(today):
    workflow = Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).first()
    pending = section(
        _("Waiting for ministry approval"),
        "pending",
        pending_task_states(workflow.tasks.all()) if workflow else [],
        _("Nothing is waiting for approval."),
    )
    sections = registered_sections("ministry", today, own=[(PENDING_ORDER, pending)])
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
