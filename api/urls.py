"""The API's URLs alone (config.urls includes the same API); see api.middleware for why this exists."""

from django.urls import path

from .endpoints import api

urlpatterns = [path("api/v1/", api.urls)]
