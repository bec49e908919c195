"""Alert sign-up (double opt-in), confirmation and one-click unsubscribe; no account, no session.

The forms carry no CSRF token, on purpose: a visitor has no session to protect, the profile and
directory pages they sit on are cached, and a forged sign-up only sends a confirmation mail (itself
limited per address and per client). The confirmation and unsubscribe links are authenticated by
their signed token; unsubscribe answers mail clients' one-click POST (RFC 8058), which has no token.
"""

import logging

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import targets
from .delivery import send_confirmation
from .forms import FollowForm
from .models import Subscription
from .throttle import too_many_signups
from .tokens import CONFIRM, CONFIRM_MAX_AGE, UNSUBSCRIBE, BadToken, read_token

logger = logging.getLogger(__name__)


def _form_page(request, form, status=200, note=""):
    follow = form["follow"].value() or ""
    found = targets.parse(follow)
    choices, _selected = targets.area_choices(request.LANGUAGE_CODE)
    context = {
        "form": form,
        "note": note,
        "follow_value": follow,
        "follow_choices": None if found else choices,
        "following": targets.describe(found[0], found[1].translation_key, request.LANGUAGE_CODE) if found else "",
    }
    return render(request, "alerts/follow.html", context, status=status)


def _message(request, heading, text, status=200, action=None, button=""):
    context = {"heading": heading, "text": text, "action": action, "button": button}
    return render(request, "alerts/message.html", context, status=status)


def _bad_link(request):
    return _message(
        request,
        _("This link does not work"),
        _(
            "The link is incomplete, altered or older than a week. Sign up again on the institution's page or the directory."
        ),
        status=400,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request):
    if request.method == "GET":
        return _form_page(request, FollowForm(initial={"follow": request.GET.get("follow", "")[:40]}))
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    email = form.cleaned_data["email"]
    if too_many_signups(request, email):
        return _form_page(
            request,
            form,
            status=429,
            note=_("Too many sign-ups from this address or this connection. Please try again in an hour."),
        )
    target, item = form.cleaned_data["follow"]
    subscription, _created = Subscription.objects.get_or_create(
        email=email,
        target=target,
        target_key=item.translation_key,
        defaults={"language": request.LANGUAGE_CODE, "frequency": form.cleaned_data["frequency"]},
    )
    if subscription.confirmed_at is None:  # a confirmed one is left as it is, and the answer is the same
        subscription.language = request.LANGUAGE_CODE
        subscription.frequency = form.cleaned_data["frequency"]
        subscription.save(update_fields=["language", "frequency"])
        try:
            send_confirmation(subscription)
        except OSError:  # smtplib's errors included: the mail server is down or refused
            logger.exception("Alerts: the confirmation mail to a new subscriber failed")
            return _form_page(
                request,
                form,
                status=503,
                note=_("The confirmation e-mail could not be sent just now. Please try again later."),
            )
    return _message(
        request,
        _("Check your inbox"),
        _(
            "We sent a confirmation link to %(email)s. Nothing is sent before you open it; without it, the "
            "address is deleted within a week."
        )
        % {"email": email},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        subscription = read_token(token, CONFIRM, max_age=CONFIRM_MAX_AGE)
    except BadToken:
        return _bad_link(request)
    if subscription is None:
        return _bad_link(request)
    following = targets.describe(subscription.target, subscription.target_key, request.LANGUAGE_CODE)
    if request.method == "GET" and subscription.confirmed_at is None:
        # A button, not a GET that confirms: mail scanners open links by themselves.
        return _message(
            request,
            _("Confirm your alerts"),
            _("Receive e-mail alerts about %(following)s.") % {"following": following},
            action=request.path,
            button=_("Confirm"),
        )
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return _message(
        request,
        _("Alerts confirmed"),
        _("You will receive e-mail alerts about %(following)s. Every message has a link to stop them.")
        % {"following": following},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscription = read_token(token, UNSUBSCRIBE)
    except BadToken:
        return _bad_link(request)
    done = _("Your address and your choices are deleted. You will receive no more alerts from this subscription.")
    if subscription is None:
        return _message(request, _("Unsubscribed"), done)
    if request.method == "GET":
        following = targets.describe(subscription.target, subscription.target_key, request.LANGUAGE_CODE)
        return _message(
            request,
            _("Stop these alerts?"),
            _("Stop e-mail alerts about %(following)s.") % {"following": following},
            action=request.path,
            button=_("Unsubscribe"),
        )
    subscription.delete()  # a real delete: the address is not kept
    return _message(request, _("Unsubscribed"), done)
