"""Public web pages of published reports, under the language prefix (/ky/, /ru/, /en/)."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("compare/", public_views.compare, name="selfassessment-compare"),
    path("<int:pk>/", public_views.report_page, name="selfassessment-report"),
]
