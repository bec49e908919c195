"""Inviting an institution editor: the user joins the institution's editors group and gets a set-password link."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from institutions.models import InstitutionPage

from .admin_language import default_admin_language
from .groups import ensure_institution_editors
from .membership import oversees
from .models import InstitutionEditors


class InvitationError(Exception):
    """Bad input for an invitation; the message says what to fix."""


@dataclass
class Invitation:
    user: object
    institution: InstitutionPage
    link: str
    created: bool


def find_institution(value) -> InstitutionPage:
    """An institution by page id or slug (the default-language page when several languages share the slug)."""
    value = str(value).strip()
    pages = InstitutionPage.objects.select_related("locale")
    page = pages.filter(pk=int(value)).first() if value.isdigit() else None
    if page is None:
        matches = sorted(pages.filter(slug=value), key=lambda p: p.locale.language_code != settings.LANGUAGE_CODE)
        page = matches[0] if matches else None
    if page is None:
        raise InvitationError(_("No institution has the id or slug “%(value)s”.") % {"value": value})
    return page


def set_password_link(user) -> str:
    """Wagtail's own password reset form, reached with Django's one-time token."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _split_name(name):
    first, _sep, last = (name or "").strip().partition(" ")
    return first[:150], last.strip()[:150]


@transaction.atomic
def invite_editor(email, institution, name="", invited_by=None, send=True) -> Invitation:
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise InvitationError(_("Give a valid e-mail address."))
    role = ensure_institution_editors(institution)
    source = role.institution() or institution
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or User.objects.filter(username__iexact=email).first()
    created = user is None
    if user is None:
        first_name, last_name = _split_name(name)
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
        default_admin_language(user)
    else:
        if oversees(user):
            raise InvitationError(
                _(
                    "%(email)s belongs to a district reviewer or a ministry user, who cannot also edit an "
                    "institution; invite another address."
                )
                % {"email": email}
            )
        other = InstitutionEditors.objects.filter(group__user=user).exclude(pk=role.pk).first()
        if other is not None:
            raise InvitationError(
                _(
                    "%(email)s already edits another institution (%(institution)s); an editor belongs to one institution."
                )
                % {"email": email, "institution": getattr(other.institution(), "title", other.group.name)}
            )
    # The membership change is logged by roles.audit (m2m_changed); the invitation itself here.
    user.groups.add(role.group)
    link = set_password_link(user)
    log(
        instance=role.group,
        action="roles.invite_editor",
        user=invited_by,
        data={"email": email, "institution": source.title, "new_user": created},
    )
    if send:
        send_mail(
            subject=_("Your editor account for %(institution)s") % {"institution": source.title},
            message=_(
                "You have been invited to edit the page of %(institution)s on %(site)s.\n\n"
                "Set your password here (the link works once):\n%(link)s\n\nYour login: %(username)s"
            )
            % {
                "institution": source.title,
                "site": settings.WAGTAIL_SITE_NAME,
                "link": link,
                "username": user.username,
            },
            from_email=None,
            recipient_list=[email],
        )
    return Invitation(user=user, institution=source, link=link, created=created)
