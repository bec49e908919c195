"""Review workflows: a district's institutions go live after its reviewers approve; ministry pages after
the Ministry approvers.

A workflow assigned to a page (WorkflowPage) also covers the pages below it, so an institution's
programmes pass the same review.
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

# Workflow and task names are data shown as they are (an editor's "Submit to …" button, the status panel):
# they are in Kyrgyz, like the names of institutions and districts in them. Workflows are found through
# ReviewArea rows or, for the ministry's, by name, the earlier English name included, so a sync renames them.
MINISTRY_WORKFLOW_NAME = "Министрликтин бекитүүсү"
EARLIER_MINISTRY_WORKFLOW_NAMES = ["Ministry approval"]
REVIEW_WORKFLOW_NAME = "Райондук кароо: {area}"


def ensure_group_approval_workflow(workflow_name, group, workflow=None):
    """A one-task workflow whose task is approved by the group; finds and repairs an existing one."""
    task_name = workflow_name[:255]
    if workflow is None:
        workflow = Workflow.objects.filter(name=workflow_name[:255]).first() or Workflow.objects.create(
            name=workflow_name[:255]
        )
    elif workflow.name != workflow_name[:255]:
        workflow.name = workflow_name[:255]
        workflow.save(update_fields=["name"])
    workflow_task = WorkflowTask.objects.filter(workflow=workflow).select_related("task").first()
    if workflow_task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        task = workflow_task.task.specific
        if task.name != task_name:
            task.name = task_name
            task.save(update_fields=["name"])
    # Exactly this group approves (an earlier version had the Ministry approve its own pages).
    if list(task.groups.values_list("pk", flat=True)) != [group.pk]:
        task.groups.set([group])
    return workflow


def ensure_review_workflow(group, area_name, workflow=None):
    return ensure_group_approval_workflow(REVIEW_WORKFLOW_NAME.format(area=area_name), group, workflow)


def assign_workflow(page, workflow):
    """Sets the page's own workflow (creating or replacing its WorkflowPage row); writes nothing when set."""
    if workflow_of(page) != workflow.pk:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def workflow_of(page):
    """The id of the page's own workflow (not an inherited one), or None."""
    return WorkflowPage.objects.filter(page=page).values_list("workflow_id", flat=True).first()


def ensure_ministry_workflow(page):
    """Pages under `page` (a home page, the decisions or ministry documents index) go live after the
    Ministry approvers approve them."""
    from .groups import ensure_ministry_approvers_group, ensure_ministry_group

    ensure_ministry_group()
    group = ensure_ministry_approvers_group()
    workflow = (
        Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).first()
        or Workflow.objects.filter(name__in=EARLIER_MINISTRY_WORKFLOW_NAMES).first()
    )
    workflow = ensure_group_approval_workflow(MINISTRY_WORKFLOW_NAME, group, workflow)
    assign_workflow(page, workflow)
    return workflow
