"""Document and image uploads stop at their size caps with a translated message, and store nothing."""

import json

import pytest
from django.conf import settings as project_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def test_the_caps():
    assert project_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert project_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


@pytest.fixture
def uploader(client, django_user_model, settings):
    # A small cap keeps the test light; the forms read the setting as they are built.
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    user = django_user_model.objects.create_superuser("uploader", "uploader@example.kg", "pw")
    client.force_login(user)
    return client, user


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("language, words", [("en", "This file is too big"), ("ru", "Файл слишком большой")])
def test_a_document_over_the_cap_is_refused_with_a_message(uploader, language, words):
    client, user = uploader
    speak(user, language)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Big",
            "file": SimpleUploadedFile("big.pdf", b"x" * 1001),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert words in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


def test_the_multiple_upload_refuses_it_too(uploader):
    client, user = uploader
    speak(user, "en")
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("big.pdf", b"x" * 1001), "collection": Collection.get_first_root_node().pk},
    )
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "too big" in json.dumps(answer)
    assert not get_document_model().objects.exists()


def test_a_document_at_the_cap_is_stored(uploader):
    client, user = uploader
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Fits",
            "file": SimpleUploadedFile("fits.pdf", b"x" * 1000),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Fits"
