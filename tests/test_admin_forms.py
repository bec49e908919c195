"""Editors can open the admin forms for every page type and classifier."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from institutions.models import InstitutionLicence, ProgrammePage

from .factories import InstitutionPageFactory, ProgrammePageFactory, RegionFactory
from .form_data import programme_form_data


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


@pytest.fixture
def licences(directory):
    own = InstitutionPageFactory(parent=directory, title="Own school")
    other = InstitutionPageFactory(parent=directory, title="Other school")
    return (
        {
            page: InstitutionLicence.objects.create(
                institution=page, number=f"LD-{page.pk}", issued_on=date(2020, 1, 1), issuer="Ministry"
            )
            for page in (own, other)
        },
        own,
        other,
    )


def create_programme(admin_client, parent, licence):
    data = programme_form_data("New programme", "new-programme", licence=licence.pk)
    with translation.override("en"):
        return admin_client.post(
            reverse("wagtailadmin_pages:add", args=["institutions", "programmepage", parent.pk]), data
        )


def test_a_new_programme_cannot_cite_another_institutions_licence(admin_client, licences):
    by_page, own, other = licences
    response = create_programme(admin_client, own, by_page[other])
    assert response.status_code == 200
    with translation.override("en"):
        assert "This licence belongs to another institution." in str(response.context["form"].errors["licence"])
    assert not ProgrammePage.objects.filter(slug="new-programme").exists()


def test_a_new_programme_cites_its_own_institutions_licence(admin_client, licences):
    by_page, own, _other = licences
    response = create_programme(admin_client, own, by_page[own])
    assert response.status_code == 302
    assert ProgrammePage.objects.get(slug="new-programme").licence == by_page[own]


def test_the_model_checks_the_licence_before_the_first_save(licences):
    by_page, own, other = licences
    with translation.override("en"), pytest.raises(ValidationError, match="another institution"):
        own.add_child(instance=ProgrammePage(title="Added in code", slug="added-in-code", licence=by_page[other]))
    assert not ProgrammePage.objects.filter(slug="added-in-code").exists()
