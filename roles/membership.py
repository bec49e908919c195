"""Who holds which role, as other apps ask it (self-assessment, remediation reports, dashboards).

Roles are group memberships, not page permissions: a district's reviewers hold "change" on their
institutions' pages only so that they can open them, and the ministry edits the whole tree, so page
permissions would answer "who may edit a report" wrongly. `roles_of(user)` reads a user's roles in
three queries; ask it once per request and pass it on when checking many objects.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .groups import MINISTRY_APPROVERS_GROUP_NAME, MINISTRY_GROUP_NAME, review_area_key
from .models import InstitutionEditors, ReviewArea


@dataclass(frozen=True)
class UserRoles:
    superuser: bool = False
    ministry: bool = False
    # Translation keys of the institutions whose editors group the user is in.
    institution_keys: frozenset = field(default_factory=frozenset)
    # ReviewArea keys ("district:<key>", "region:<key>") of the user's reviewers groups.
    area_keys: frozenset = field(default_factory=frozenset)

    def edits(self, institution) -> bool:
        """In the institution's editors group (any language version of the page)."""
        return institution is not None and institution.translation_key in self.institution_keys

    def reviews(self, institution) -> bool:
        """In the reviewers group of the institution's district (or of its region, without a district)."""
        return institution is not None and review_area_key(institution) in self.area_keys

    @property
    def has_any(self):
        return self.superuser or self.ministry or bool(self.institution_keys) or bool(self.area_keys)

    def institutions_filter(self):
        """A Q over InstitutionPage for the institutions the user edits or reviews (not the ministry's all)."""
        condition = Q(translation_key__in=list(self.institution_keys)) if self.institution_keys else Q(pk__in=[])
        for key in self.area_keys:
            kind, translation_key = key.split(":", 1)
            if kind == "district":
                condition |= Q(district__translation_key=translation_key)
            else:
                condition |= Q(region__translation_key=translation_key, district__isnull=True)
        return condition


NO_ROLES = UserRoles()


def roles_of(user) -> UserRoles:
    if not user.is_authenticated or not user.is_active:
        return NO_ROLES
    return UserRoles(
        superuser=user.is_superuser,
        ministry=user.groups.filter(name__in=[MINISTRY_GROUP_NAME, MINISTRY_APPROVERS_GROUP_NAME]).exists(),
        institution_keys=frozenset(
            InstitutionEditors.objects.filter(group__user=user).values_list("institution_key", flat=True)
        ),
        area_keys=frozenset(ReviewArea.objects.filter(group__user=user).values_list("key", flat=True)),
    )


def oversees(user) -> bool:
    """In a reviewers group or a ministry group, whether or not the account is active now.

    Such a user must never also edit an institution: a reviewer would approve their own work.
    """
    return (
        ReviewArea.objects.filter(group__user=user).exists()
        or user.groups.filter(name__in=[MINISTRY_GROUP_NAME, MINISTRY_APPROVERS_GROUP_NAME]).exists()
    )
