"""Signed tokens in the confirmation and unsubscribe links.

A token names the subscription and a digest of its address, signed with SECRET_KEY: nothing extra is
stored, and a token stops working once its subscription is deleted (a later one that reuses the id
has another address or a newer creation time).
"""

from django.core import signing
from django.utils.crypto import salted_hmac

from .models import Subscription

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week; the daily run purges older sign-ups


def _digest(subscription):
    return salted_hmac(
        "alerts.subscription", f"{subscription.email}|{subscription.created_at.isoformat()}"
    ).hexdigest()[:20]


def make_token(subscription, purpose):
    return signing.dumps({"id": subscription.pk, "d": _digest(subscription)}, salt=purpose, compress=True)


class BadToken(Exception):
    """The link was altered, cut short or has expired."""


def read_token(token, purpose, max_age=None):
    """The subscription a token names (None when it was deleted since); BadToken when the link is bad."""
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
        pk, digest = int(data["id"]), str(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None or _digest(subscription) != digest:
        return None
    return subscription
