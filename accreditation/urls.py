"""Public URLs of the accreditation app, mounted under the language prefix."""

from django.urls import path

from . import feeds, status_check_views

urlpatterns = [
    path("feeds/decisions/", feeds.DecisionFeed(), name="feed-decisions"),
    path("feeds/decisions/institution/<int:pk>/", feeds.InstitutionDecisionFeed(), name="feed-decisions-institution"),
    path("feeds/decisions/region/<slug:slug>/", feeds.RegionDecisionFeed(), name="feed-decisions-region"),
    path("institutions/<int:pk>/badge.svg", status_check_views.badge, name="institution-badge"),
    path("institutions/<int:pk>/notice.pdf", status_check_views.notice, name="institution-notice"),
    path("feeds/documents/", feeds.MinistryDocumentFeed(), name="feed-documents"),
]
