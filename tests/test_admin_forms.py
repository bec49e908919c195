"""Editors can open the admin forms for every page type and classifier."""

import pytest
from django.urls import reverse

from .factories import InstitutionPageFactory, ProgrammePageFactory, RegionFactory


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.kg", "pw")
    client.force_login(user)
    return client


def test_edit_and_create_forms_open(admin_client, directory):
    institution = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=institution)
    for page in (directory.get_parent(), directory, institution, programme):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    for app, model, parent in (
        ("institutions", "institutionpage", directory),
        ("institutions", "programmepage", institution),
    ):
        response = admin_client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]))
        assert response.status_code == 200
        expected_field = 'name="mission"' if model == "institutionpage" else 'name="learning_outcomes"'
        assert expected_field in response.content.decode()


def test_classifier_snippets_are_listed(admin_client):
    RegionFactory(name="Нарын облусу")
    response = admin_client.get(reverse("wagtailsnippets_taxonomy_region:list"))
    assert response.status_code == 200
    assert "Нарын облусу" in response.content.decode()
