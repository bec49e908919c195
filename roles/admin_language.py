"""Editors and reviewers get a Kyrgyz admin unless they have chosen a language (they may switch to
Russian or English in their account settings)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from wagtail.users.models import UserProfile

DEFAULT_ADMIN_LANGUAGE = "ky"


def default_admin_language(user):
    """Set the admin language to Kyrgyz if the user has not chosen one; a choice is kept."""
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = DEFAULT_ADMIN_LANGUAGE
        profile.save(update_fields=["preferred_language"])


def is_editor_or_reviewer_group(group):
    return hasattr(group, "institution_editors") or hasattr(group, "review_area")


@receiver(m2m_changed, sender=get_user_model().groups.through)
def new_editors_and_reviewers_get_kyrgyz(sender, instance, action, pk_set, **kwargs):
    # However the account joins its role: an invitation, the demo users, or Wagtail's user form.
    if action != "post_add" or not pk_set:
        return
    if isinstance(instance, Group):  # group.user_set.add(...)
        if is_editor_or_reviewer_group(instance):
            for user in get_user_model().objects.filter(pk__in=pk_set):
                default_admin_language(user)
    elif any(is_editor_or_reviewer_group(group) for group in Group.objects.filter(pk__in=pk_set)):
        default_admin_language(instance)
