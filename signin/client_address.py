"""The client's address, as django-axes and the throttle counters see it (AXES_CLIENT_IP_CALLABLE).

REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT says the site runs behind that many reverse proxies,
each appending the address it saw to X-Forwarded-For. Then the client's address is that many entries
from the right: what the outermost trusted proxy saw. Entries further left come from the client and
may be forged, so they are never read.
"""

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # not (all) through the proxies: a direct request
    return forwarded[-count]
