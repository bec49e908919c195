"""Shared set-up for the self-assessment tests: institutions, users with page permissions, filled reports."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from selfassessment.access import MINISTRY_GROUP
from selfassessment.models import CriterionAssessment

from .users import make_user


def admin_group(name, page=None, permissions=()):
    """A group that may enter the admin, with the given page permissions on `page`'s subtree."""
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in permissions:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    return group


def editor_of(institution, username="editor"):
    return make_user(username, groups=[admin_group(f"{username} group", institution, ["add_page", "change_page"])])


def reviewer_of(institution, username="reviewer"):
    return make_user(username, groups=[admin_group(f"{username} group", institution, ["publish_page"])])


def ministry_user(username="ministry"):
    return make_user(username, groups=[admin_group(MINISTRY_GROUP)])


def complete(report, result=CriterionAssessment.Result.MET):
    """Every criterion assessed and the head's confirmation given."""
    from datetime import date

    report.assessments.update(result=result)
    report.confirmed_by = "Асанова Гүлнара"
    report.confirmed_on = date(2026, 3, 1)
    report.confirmation_statement = True
    report.save()
    return report
