from django.urls import path

from . import views

app_name = "selfassessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/export/<str:file_format>/", views.export, name="export"),
]
