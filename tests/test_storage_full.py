"""An upload that meets a full disk (ENOSPC): a clear, translated message, nothing stored, never a 500."""

import errno
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from operations.storage_full import TidyFileSystemStorage, is_storage_full

from .browser.conftest import restore_base_rows

pytestmark = pytest.mark.django_db

FULL = OSError(errno.ENOSPC, "No space left on device")
ENGLISH = "the server has no room for files right now"
RUSSIAN = "на сервере сейчас нет места для файлов"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.kg", "pw")
    client.force_login(user)
    return user


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def upload(client, name="evidence.pdf", **headers):
    with mock.patch.object(FileSystemStorage, "_save", side_effect=FULL):
        return client.post(
            reverse("wagtaildocs:add"),
            {"title": "Evidence", "file": SimpleUploadedFile(name, b"%PDF-1.4 x"),
             "collection": Collection.get_first_root_node().pk},
            **headers,
        )  # fmt: skip


@pytest.mark.parametrize("language, words", [("en", ENGLISH), ("ru", RUSSIAN)])
def test_the_form_comes_back_with_the_message_in_the_editors_language(client, editor, language, words):
    speak(editor, language)
    form = "http://testserver" + reverse("wagtaildocs:add")
    response = upload(client, HTTP_REFERER=form)
    assert response.status_code == 302 and response["Location"] == form
    page = client.get(form)
    assert page.status_code == 200
    assert words in page.content.decode()
    assert not get_document_model().objects.exists()


# Outside a test's transaction, as in production: a failed save inside the test's own transaction would
# leave it unusable for the language lookup, which a request in autocommit never sees.
@pytest.fixture
def migration_rows(transactional_db):
    """The root collection and locales: another module's transactional test may have flushed them away."""
    restore_base_rows()


@pytest.mark.django_db(transaction=True)
def test_the_multiple_upload_shows_the_message_next_to_the_file(client, migration_rows, editor):
    speak(editor, "en")
    with mock.patch.object(FileSystemStorage, "_save", side_effect=FULL):
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 x"), "collection": Collection.get_first_root_node().pk},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )  # fmt: skip
    answer = response.json()
    assert answer["success"] is False and ENGLISH in answer["error_message"]
    assert not get_document_model().objects.exists()


def test_without_a_page_to_return_to_a_507_page_explains(client, editor):
    response = upload(client)
    assert response.status_code == 507
    body = response.content.decode()
    assert "The file could not be saved" in body or "Файл сакталган жок" in body
    assert "Traceback" not in body and "No space left" not in body


def test_a_wrapped_full_disk_is_recognised_and_other_errors_are_not():
    try:
        try:
            raise FULL
        except OSError as error:
            raise RuntimeError("storage backend failed") from error
    except RuntimeError as wrapped:
        assert is_storage_full(wrapped)
    assert not is_storage_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_storage_full(ValueError("x"))


class FillsTheDisk(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 the first part"
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_cut_short_by_a_full_disk_leaves_no_partial_file(tmp_path):
    storage = TidyFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError):
        storage.save("documents/evidence.pdf", FillsTheDisk(b""))
    assert list((tmp_path / "documents").iterdir()) == []
    assert storage.save("documents/evidence.pdf", ContentFile(b"%PDF-1.4 whole")) == "documents/evidence.pdf"
