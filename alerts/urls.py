"""Alert sign-up, confirmation and unsubscribe, under the language prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("alerts/follow/", views.follow, name="alerts-follow"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts-confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts-unsubscribe"),
]
