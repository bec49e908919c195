"""Sending: the confirmation mail, an event to its followers, and the daily digests.

`announce(kind, object_id)` is the one entry point for an event, with plain arguments: it runs after
the commit that caused the event (alerts.signals) and from the daily run, and a background task can
wrap it unchanged once the project has a task worker.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import events, targets
from .models import PendingAlert, Subscription
from .tokens import CONFIRM, UNSUBSCRIBE, make_token


def link(name, subscription, purpose):
    with translation.override(subscription.language):
        path = reverse(name, args=[make_token(subscription, purpose)])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _message(subscription, subject, template, context, unsubscribe=True):
    context = {
        **context,
        "subscription": subscription,
        "following": targets.describe(subscription.target, subscription.target_key, subscription.language),
    }
    headers = {}
    if unsubscribe:
        url = link("alerts-unsubscribe", subscription, UNSUBSCRIBE)
        context["unsubscribe_url"] = url
        # RFC 8058: mail clients offer one-click unsubscribe, a POST to this address.
        headers = {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    with translation.override(subscription.language):
        body = render_to_string(template, context)
    return EmailMessage(subject, body, to=[subscription.email], headers=headers)


def send_confirmation(subscription):
    with translation.override(subscription.language):
        subject = _("Confirm your alerts from Achyk Bilim")
        message = _message(
            subscription,
            subject,
            "alerts/email/confirm.txt",
            {"confirm_url": link("alerts-confirm", subscription, CONFIRM)},
            unsubscribe=False,
        )
    message.send()


def followers(institution):
    """One confirmed subscription per address among those who follow the institution, its district,
    region or type: the most specific one (its language and unsubscribe link are used)."""
    pairs = targets.keys_of(institution)
    query = Q()
    for target, key in pairs:
        query |= Q(target=target, target_key=key)
    rank = {pair: position for position, pair in enumerate(pairs)}
    chosen = {}
    for subscription in Subscription.objects.filter(query, confirmed_at__isnull=False).order_by("pk"):
        position = rank[(subscription.target, subscription.target_key)]
        current = chosen.get(subscription.email)
        if current is None or position < current[0]:
            chosen[subscription.email] = (position, subscription)
    return [subscription for _position, subscription in chosen.values()]


def announce(kind, object_id):
    """Sends an event to its immediate followers and queues it for the daily ones; returns the number
    of e-mails sent. Nothing happens for an event about something not public."""
    found = events.subject(kind, object_id)
    if found is None:
        return 0
    messages = []
    for subscription in followers(found[0]):
        if subscription.frequency == Subscription.Frequency.DAILY:
            PendingAlert.objects.get_or_create(subscription=subscription, event=kind, object_id=object_id)
            continue
        rendered = events.render(kind, object_id, subscription.language)
        if rendered is None:
            continue
        with translation.override(subscription.language):
            subject = _("%(institution)s: news on Achyk Bilim") % {"institution": rendered.institution}
        messages.append(_message(subscription, subject, "alerts/email/alert.txt", {"event": rendered}))
    return get_connection().send_messages(messages) or 0 if messages else 0


def send_digests(today=None):
    """One e-mail per daily subscriber with everything queued since the last digest; returns the
    number sent. Events that are no longer public by now are dropped."""
    today = today or date.today()
    queued = defaultdict(list)
    for pending in PendingAlert.objects.select_related("subscription").order_by("created_at", "pk"):
        queued[pending.subscription].append(pending)
    messages = []
    for subscription, items in queued.items():
        rendered = [events.render(item.event, item.object_id, subscription.language, today) for item in items]
        rendered = [item for item in rendered if item is not None]
        if rendered:
            with translation.override(subscription.language):
                subject = _("Achyk Bilim: your daily alerts (%(count)s)") % {"count": len(rendered)}
            messages.append(_message(subscription, subject, "alerts/email/digest.txt", {"events": rendered}))
    sent = get_connection().send_messages(messages) or 0 if messages else 0
    PendingAlert.objects.filter(pk__in=[item.pk for items in queued.values() for item in items]).delete()
    return sent


def purge_unconfirmed(max_age_seconds):
    """Deletes sign-ups never confirmed while their link worked: their address is not kept."""
    cutoff = timezone.now() - timedelta(seconds=max_age_seconds)
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]
