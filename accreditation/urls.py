"""Public URLs of the accreditation app, mounted under the language prefix."""

from django.urls import path

from . import feeds

urlpatterns = [
    path("feeds/decisions/", feeds.DecisionFeed(), name="feed-decisions"),
    path("feeds/decisions/institution/<int:pk>/", feeds.InstitutionDecisionFeed(), name="feed-decisions-institution"),
    path("feeds/decisions/region/<slug:slug>/", feeds.RegionDecisionFeed(), name="feed-decisions-region"),
    path("feeds/documents/", feeds.MinistryDocumentFeed(), name="feed-documents"),
]
