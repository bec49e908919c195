"""The site's URLs plus Wagtail's dynamic image serve view, so the admin's image URL generator (which
answers 404 without it) reaches its permission check in the access tests."""

from django.urls import re_path
from wagtail.images.views.serve import ServeView

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"),
    *site_urlpatterns,
]
