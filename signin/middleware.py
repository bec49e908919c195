"""Throttles every form that takes a password, by its URL name.

- Sign-in forms (the Wagtail admin's and the front-end login for pages restricted to signed-in users)
  go through Django's authenticate(), where django-axes counts failures per username and address and
  locks out; here they also get the per-address ceiling.
- Wagtail's page and document-collection password forms check a shared password without
  authenticate(): each is counted in django-axes like a sign-in, under a "username" naming the
  restriction, so a guesser is locked out of that restriction from that address, and the attempt is in
  the audit list.
- The admin's password change (Account) asks for the current password without authenticate(): a
  wrong one counts as a failed sign-in of that user from that address, so a borrowed session cannot
  guess it without limit.
- Password-reset mail is limited per e-mail address and per client address.

A refused request gets the translated 429 page and reaches no view, so nothing is sent or changed.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth.signals import user_login_failed

from . import responses, throttle

SIGN_IN_FORMS = {"wagtailadmin_login", "wagtailcore_login"}
# URL name -> the URL argument naming the view restriction.
SHARED_PASSWORD_FORMS = {
    "wagtailcore_authenticate_with_password": "page_view_restriction_id",
    "wagtaildocs_authenticate_with_password": "restriction_id",
}
PASSWORD_RESET_FORMS = {"wagtailadmin_password_reset"}
PASSWORD_CHANGE_FORMS = {"wagtailadmin_account"}
PASSWORD_CHANGE_PREFIX = "password-"  # Wagtail's ChangePasswordPanel form prefix


def changes_password(request):
    return any(request.POST.get(f"{PASSWORD_CHANGE_PREFIX}{name}") for name in ("new_password1", "new_password2"))


def restriction_credentials(url_name, view_args, view_kwargs):
    argument = view_kwargs.get(SHARED_PASSWORD_FORMS[url_name], view_args[0] if view_args else "")
    kind = "page" if url_name == "wagtailcore_authenticate_with_password" else "collection"
    return {"username": f"{kind}-password:{argument}"}


class SignInThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        credentials = getattr(request, "signin_failed_credentials", None)
        restriction = getattr(request, "signin_restriction_credentials", None)
        # Wagtail answers a wrong shared password by showing the form again (200); a right one redirects.
        if restriction is not None and response.status_code == 200:
            credentials = restriction
        if credentials is not None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return get_lockout_response(request, response, credentials)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        url_name = request.resolver_match.url_name
        if url_name in SIGN_IN_FORMS or url_name in SHARED_PASSWORD_FORMS:
            if throttle.too_many_failures(request):
                return responses.too_many_failures(request)
        if url_name in SHARED_PASSWORD_FORMS:
            credentials = restriction_credentials(url_name, view_args, view_kwargs)
            if not AxesProxyHandler.is_allowed(request, credentials):
                return get_lockout_response(request, None, credentials)
            request.signin_restriction_credentials = credentials
        if url_name in PASSWORD_CHANGE_FORMS and request.user.is_authenticated and changes_password(request):
            credentials = {"username": request.user.get_username()}
            if not AxesProxyHandler.is_allowed(request, credentials):
                return get_lockout_response(request, None, credentials)
            if not request.user.check_password(request.POST.get(f"{PASSWORD_CHANGE_PREFIX}old_password", "")):
                request.signin_failed_credentials = credentials  # counted once the view has answered
        if url_name in PASSWORD_RESET_FORMS and throttle.too_many_reset_requests(request):
            return responses.too_many_reset_requests(request)
        return None
