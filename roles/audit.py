"""Audit entries for the groups the system manages: invitations and membership changes.

They are ModelLogEntry rows on the group, shown in Reports > Site history to users who may see groups
(the Ministry has auth.view_group).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from .groups import MINISTRY_GROUP_NAME


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


LOG_ACTIONS = {
    "roles.invite_editor": InviteEditorFormatter,
    "roles.add_member": AddMemberFormatter,
    "roles.remove_member": RemoveMemberFormatter,
}


def is_managed(group):
    return (
        group.name == MINISTRY_GROUP_NAME
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
