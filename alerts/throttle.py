"""Sign-up limits per e-mail address and per client (django-ratelimit counters, as signin/ uses)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from signin.throttle import client_address

PER_ADDRESS = "alerts-signup-per-address"
PER_CLIENT = "alerts-signup-per-client"


def too_many_signups(request, email):
    """Counts this sign-up; True when the address or the client has signed up too often lately."""
    per_address = is_ratelimited(
        request,
        group=PER_ADDRESS,
        key=lambda group, request: email,
        rate=settings.ALERTS_SIGNUP_ADDRESS_RATE,
        increment=True,
    )
    per_client = is_ratelimited(
        request,
        group=PER_CLIENT,
        key=client_address,
        rate=settings.ALERTS_SIGNUP_CLIENT_RATE,
        increment=True,
    )
    return per_address or per_client
