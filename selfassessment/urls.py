"""Public URL: the PDF of a published report (outside the language prefixes: the file picks its language)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/<str:language>.pdf", views.public_pdf, name="selfassessment-pdf"),
]
