"""Counters in the cache (django-ratelimit) for what django-axes does not count per address alone:
failed sign-ins from one client address, and password-reset mail per e-mail address and per client.

The counters live in the cache named by RATELIMIT_USE_CACHE (the default cache: Redis in production,
so every server process shares them). The client address is the one django-axes sees
(signin.client_address).
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .client_address import client_ip

SIGNIN_FAILURES = "signin-failures-per-client"
RESET_PER_ADDRESS = "password-reset-per-address"
RESET_PER_CLIENT = "password-reset-per-client"


def client_address(group, request):
    return client_ip(request) or "unknown"


def too_many_failures(request):
    """The client address has failed more sign-ins (any username, any password form) than the ceiling."""
    return is_ratelimited(
        request, group=SIGNIN_FAILURES, key=client_address, rate=settings.SIGNIN_CLIENT_FAILURE_RATE, increment=False
    )


def count_failure(sender, credentials=None, request=None, **kwargs):
    """user_login_failed receiver: one more failure for the client address."""
    if request is not None:
        is_ratelimited(
            request, group=SIGNIN_FAILURES, key=client_address, rate=settings.SIGNIN_CLIENT_FAILURE_RATE, increment=True
        )


def too_many_reset_requests(request):
    """Counts this password-reset request; True when the e-mail address or the client has asked too often."""
    address = request.POST.get("email", "").strip().lower()
    per_address = is_ratelimited(
        request,
        group=RESET_PER_ADDRESS,
        key=lambda group, request: address,
        rate=settings.PASSWORD_RESET_ADDRESS_RATE,
        increment=True,
    )
    per_client = is_ratelimited(
        request,
        group=RESET_PER_CLIENT,
        key=client_address,
        rate=settings.PASSWORD_RESET_CLIENT_RATE,
        increment=True,
    )
    return per_address or per_client
