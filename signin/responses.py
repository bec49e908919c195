"""The translated 429 pages: locked out (django-axes' AXES_LOCKOUT_CALLABLE), too many failures from one
address, too many password-reset requests."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

TOO_MANY_REQUESTS = 429


def cool_off_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def throttled(request, message):
    response = render(request, "signin/throttled.html", {"message": message}, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def locked_out(request, original_response=None, credentials=None):
    minutes = cool_off_minutes()
    return throttled(
        request,
        ngettext(
            "Too many failed attempts to sign in. For your security, signing in is blocked for %(minutes)s minute. "
            "Try again later, or ask the ministry's administrator to unlock it.",
            "Too many failed attempts to sign in. For your security, signing in is blocked for %(minutes)s minutes. "
            "Try again later, or ask the ministry's administrator to unlock it.",
            minutes,
        )
        % {"minutes": minutes},
    )


def too_many_failures(request):
    return throttled(
        request,
        _("Too many failed attempts to sign in from your network. Try again in an hour."),
    )


def too_many_reset_requests(request):
    return throttled(
        request,
        _(
            "Too many password reset requests for this address or from your network. "
            "Check your inbox (and spam folder) for the e-mail already sent, or try again in an hour."
        ),
    )
