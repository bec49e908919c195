"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail's default publishes the approved revision as the approving user and so requires that user to
hold "publish" permission on the page. District reviewers have no such permission, on purpose: they
must not publish outside the workflow. Having approved every task of the workflow (each task checks
that the approver belongs to its group) is what entitles this publication, so the permission check is
skipped here. Kept free of model imports: Wagtail imports this while its models load.
"""


def publish_approved_workflow_state(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
