"""Reports > Sign-in failures: django-axes' records of failed sign-ins and password guesses, and who is
locked out now. For the ministry and superusers only (an institution's editors would learn other
people's usernames and addresses)."""

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from roles.membership import roles_of

PER_PAGE = 50


def may_see_failures(user):
    roles = roles_of(user)
    return roles.superuser or roles.ministry


def sign_in_failures(request):
    if not may_see_failures(request.user):
        raise PermissionDenied
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    failures = Paginator(AccessFailureLog.objects.order_by("-attempt_time", "-pk"), PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "signin/admin/failures.html",
        {"locked": locked, "failures": failures, "limit": settings.AXES_FAILURE_LIMIT},
    )
