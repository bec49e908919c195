"""The restore drill: back up, wipe, restore, then the same counts and the same bytes for every file."""

import hashlib
import io
import os
import shutil
import tarfile

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model

from operations.backup import counts, storage_files
from selfassessment.prefill import create_report

from .browser.conftest import restore_base_rows
from .factories import InstitutionPageFactory

# Transactional: the restore replaces the database under the test's connection. The rows the migrations load
# (the tree root, the criteria) come from migration_rows below: serialized_rollback re-inserted content types
# that an earlier transactional test's flush had already made again, and failed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def migration_rows(transactional_db):
    """The rows the data migrations make (locales, the tree root, the site, the criteria): another module's
    transactional test may have emptied the database before this one runs on the same worker."""
    restore_base_rows()


def pg_tools_or_skip():
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pg_dump is missing in CI: .ci/run installs postgresql, which brings it.")
        pytest.skip("pg_dump is not installed on this machine (PostgreSQL's client programs); CI runs this drill.")


def wipe_storage():
    for path in storage_files():
        default_storage.delete(path)


@pytest.fixture
def site_data(directory):
    wipe_storage()
    institution = InstitutionPageFactory(parent=directory, title="Нарын колледжи")
    institution.save_revision().publish()
    institution.title = "Нарын мамлекеттик колледжи"
    institution.save_revision()
    document = get_document_model().objects.create(
        title="Устав", file=ContentFile("Уставдын тексти".encode() * 100, name="ustav.pdf")
    )
    image = wagtail_factories.ImageFactory(title="Имарат", file__width=40, file__height=30)
    image.get_rendition("fill-20x20")
    create_report(institution, 2025)
    return {"document": document, "image": image}


def file_bytes():
    return {path: hashlib.sha256(default_storage.open(path).read()).hexdigest() for path in storage_files()}


def test_a_damaged_archive_is_refused_before_anything_is_touched(site_data, tmp_path):
    pg_tools_or_skip()
    call_command("backup", output_dir=str(tmp_path))
    good = next(tmp_path.glob("backup-*.tar.gz"))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(good) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = counts()
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(damaged), force=True)
    assert counts() == before


# One restore per run of this file: a second restore into SQLite's shared in-memory test database left the
# next test's serialized_rollback set-up with duplicate content types.
def test_backup_wipe_restore_gives_back_the_same_site(site_data, tmp_path, capsys):
    pg_tools_or_skip()
    before_counts, before_files = counts(), file_bytes()
    assert before_counts["documents"] == 1 and before_counts["self-assessment reports"] == 1
    assert len(before_files) >= 3  # the document, the original image and its rendition

    call_command("backup", output_dir=str(tmp_path))
    archives = list(tmp_path.glob("backup-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as archive:
        names = archive.getnames()
    assert "manifest.json" in names and any(name.startswith("database.") for name in names)
    with pytest.raises(CommandError, match="already has pages"):
        call_command("restore", str(archives[0]))

    # The disaster: every row gone; the storage still has files, so the restore asks first.
    call_command("flush", interactive=False)
    with pytest.raises(CommandError, match="storage already has files"):
        call_command("restore", str(archives[0]))
    wipe_storage()
    assert counts()["pages"] == 0 and file_bytes() == {}

    capsys.readouterr()
    call_command("restore", str(archives[0]))
    out = capsys.readouterr().out
    assert "every checksum matches" in out and f"pages: {before_counts['pages']}" in out
    assert counts() == before_counts
    assert file_bytes() == before_files
