"""The site's addresses plus views that fail, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from config.urls import handler500  # noqa: F401 - handler500 is looked up here
from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("secret detail: settings.SECRET_KEY")


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


urlpatterns = [
    path("ru/boom/", boom),
    path("boom/", boom),
    path("en/database-down/", database_down),
] + site_urlpatterns
