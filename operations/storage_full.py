"""A full disk (or a used-up quota) under an upload: a clear message, never a 500.

Django's file storage raises OSError(ENOSPC) from the model's save, before the row is written, so
nothing else of the request has been stored; TidyFileSystemStorage also removes the partial file. An admin form posted from a page of this site goes back
to that page with the message (the editor's work elsewhere untouched); an upload sent by script (the
admin's multiple upload) gets the message as its JSON error; anything else gets a short page with
status 507 in the address's language.
"""

import errno
import logging
import os

from django.contrib import messages
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError
from django.http import HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from .errors import error_response

logger = logging.getLogger(__name__)

FULL = {errno.ENOSPC, errno.EDQUOT}
STORAGE_FULL_MESSAGE = _(
    "The file could not be saved: the server has no room for files right now. Nothing was changed; "
    "please try again later or tell the site's administrators."
)


def is_storage_full(exception):
    """True for ENOSPC/EDQUOT, also when a storage backend wrapped it in another exception."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OSError) and exception.errno in FULL:
            return True
        exception = exception.__cause__ or exception.__context__
    return False


class TidyFileSystemStorage(FileSystemStorage):
    """Django's file storage, except that a write cut short (a full disk) leaves no partial file behind."""

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.exists(full_path)  # Storage.save() chose a free name; a race may still take it
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.exists(full_path):
                os.remove(full_path)
            raise


def _language(request):
    """The admin user's own language (Wagtail's admin speaks it only inside the view), else the request's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        try:
            return UserProfile.get_for_user(user).get_preferred_language()
        except DatabaseError:  # the failed save left the request's transaction unusable
            pass
    return translation.get_language()


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_storage_full(exception):
            return None
        logger.error("No room to store an upload (%s %s): %s", request.method, request.path, exception)
        with translation.override(_language(request)):
            message = str(STORAGE_FULL_MESSAGE)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # What Wagtail's multiple upload shows next to the file (its script reads only a 2xx answer).
            return JsonResponse({"success": False, "error_message": message})
        referer = request.META.get("HTTP_REFERER", "")
        same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
        if request.method == "POST" and referer and same_site:
            messages.error(request, message)
            return HttpResponseRedirect(referer)
        return error_response(507, request.path, getattr(request, "id", None))
