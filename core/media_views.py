"""Uploaded images served by Django, only for `make prod` without a proxy (settings.SERVE_MEDIA).

Only the image folders: documents are never served from /media/ (they go through Wagtail's serve
view, which checks restrictions). The path is normalised first, so `images/../documents/…` is refused.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

IMAGE_FOLDERS = ("images/", "original_images/")


def serve_image(request, path):
    normalised = posixpath.normpath(path).lstrip("/")
    if not normalised.startswith(IMAGE_FOLDERS):
        raise Http404("Not an image.")
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
