"""Audit entries for the groups the system manages: invitations, membership changes, and what the roles
sync (roles.groups) created or changed.

They are ModelLogEntry rows on the group, shown in Reports > Site history to users who may see groups
(the Ministry has auth.view_group).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log


class InviteEditorFormatter(LogFormatter):
    label = _("Invite an institution editor")

    def format_message(self, log_entry):
        return _("Invited %(email)s to edit %(institution)s") % {
            "email": log_entry.data.get("email", ""),
            "institution": log_entry.data.get("institution", ""),
        }


class AddMemberFormatter(LogFormatter):
    label = _("Add a group member")

    def format_message(self, log_entry):
        return _("Added %(user)s to the group") % {"user": log_entry.data.get("username", "")}


class RemoveMemberFormatter(LogFormatter):
    label = _("Remove a group member")

    def format_message(self, log_entry):
        return _("Removed %(user)s from the group") % {"user": log_entry.data.get("username", "")}


class CreateGroupFormatter(LogFormatter):
    label = _("Create a group (roles sync)")

    def format_message(self, log_entry):
        return _("The system created the group “%(name)s”") % {"name": log_entry.data.get("name", "")}


class ChangeGroupFormatter(LogFormatter):
    label = _("Change a group's permissions (roles sync)")

    def format_message(self, log_entry):
        parts = []
        if log_entry.data.get("added"):
            parts.append(_("added: %(items)s") % {"items": "; ".join(log_entry.data["added"])})
        if log_entry.data.get("removed"):
            parts.append(_("removed: %(items)s") % {"items": "; ".join(log_entry.data["removed"])})
        return _("The system changed the group: %(changes)s") % {"changes": " — ".join(str(p) for p in parts)}


LOG_ACTIONS = {
    "roles.invite_editor": InviteEditorFormatter,
    "roles.add_member": AddMemberFormatter,
    "roles.remove_member": RemoveMemberFormatter,
    "roles.create_group": CreateGroupFormatter,
    "roles.change_group": ChangeGroupFormatter,
}


def log_group_changes(group, created, changes):
    """One entry per group and run: its creation (with the permissions it got), or what changed; nothing
    when the run changed nothing, so running the sync again adds no entries."""
    if created:
        log(instance=group, action="roles.create_group", data={"name": group.name, "added": changes.added})
    elif changes:
        log(instance=group, action="roles.change_group", data={"added": changes.added, "removed": changes.removed})


def is_managed(group):
    from .groups import MINISTRY_APPROVERS_GROUP_NAME, MINISTRY_GROUP_NAME

    return (
        group.name in (MINISTRY_GROUP_NAME, MINISTRY_APPROVERS_GROUP_NAME)
        or hasattr(group, "institution_editors")
        or hasattr(group, "review_area")
    )


@receiver(m2m_changed, sender=get_user_model().groups.through)
def log_membership_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    verb = "roles.add_member" if action == "post_add" else "roles.remove_member"
    User = get_user_model()
    if isinstance(instance, Group):  # group.user_set.add(...)
        pairs = [(instance, user) for user in User.objects.filter(pk__in=pk_set)]
    else:  # user.groups.add(...)
        pairs = [(group, instance) for group in Group.objects.filter(pk__in=pk_set)]
    for group, user in pairs:
        if is_managed(group):
            log(instance=group, action=verb, data={"username": user.get_username(), "user_id": user.pk})
