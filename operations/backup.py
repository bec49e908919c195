"""One dated archive with the database and every file in the default storage, and its restore.

Files go through Django's default storage (the local media folder, or S3 with django-storages), never the
filesystem, so the same commands work in both shapes. The manifest lists every member with its size and
SHA-256; a restore checks them all before it writes anything and again after."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import PurePosixPath

import django
import wagtail
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from selfassessment.models import SelfAssessmentReport

MANIFEST = "manifest.json"
FILES = "files/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_of(fileobj):
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def storage_files(storage=default_storage, folder=""):
    """Every file in the storage, as posix paths, in a stable order."""
    folders, files = storage.listdir(folder)
    found = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for sub in folders:
        found += storage_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return sorted(found)


def _safe_listing(storage=default_storage):
    try:
        return storage_files(storage)
    except FileNotFoundError:  # a local media folder not made yet
        return []


# The database.


def _dump_database(target_dir):
    """The database into target_dir; returns the file's name inside the archive."""
    vendor = connection.vendor
    if vendor == "sqlite":
        # The live connection, through SQLite's backup API: consistent while others write, and it also
        # reaches the in-memory database of a test run.
        connection.ensure_connection()
        path = os.path.join(target_dir, "database.sqlite3")
        destination = sqlite3.connect(path)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3"
    if vendor == "postgresql":
        path = os.path.join(target_dir, "database.pgdump")
        _run_pg(["pg_dump", "--format=custom", "--no-owner", "--file", path])
        return "database.pgdump"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")


def _pg_env_and_args():
    settings = connection.settings_dict
    env = dict(os.environ)
    args = []
    for option, key, _variable in (
        ("--host", "HOST", "PGHOST"),
        ("--port", "PORT", "PGPORT"),
        ("--username", "USER", "PGUSER"),
    ):
        if settings.get(key):
            args += [option, str(settings[key])]
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return env, args + ["--dbname", settings["NAME"]]


def _run_pg(command):
    program = command[0]
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed: install PostgreSQL's client programs "
            f"(Debian: apt-get install postgresql-client)."
        )
    env, args = _pg_env_and_args()
    result = subprocess.run(command + args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _load_database(path, vendor):
    if vendor != connection.vendor:
        raise BackupError(f"The archive holds a {vendor} database; this site runs on {connection.vendor}.")
    if vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()  # pg_restore drops tables: hold no locks on them
        _run_pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", path])
    # Cached content types point at the old rows.
    ContentType.objects.clear_cache()


# Backup.


def create_backup(output_dir, include_renditions=True, now=None):
    """Write backup-YYYYMMDD-HHMMSS.tar.gz into output_dir; returns (path, manifest)."""
    now = now or datetime.now(UTC)
    os.makedirs(output_dir, exist_ok=True)
    path = os.path.join(output_dir, f"backup-{now:%Y%m%d-%H%M%S}.tar.gz")
    manifest = {
        "created_at": now.isoformat(),
        "database_vendor": connection.vendor,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": None,
        "files": [],
    }
    with tempfile.TemporaryDirectory() as work, tarfile.open(path + ".part", "w:gz") as archive:
        name = _dump_database(work)
        with open(os.path.join(work, name), "rb") as dumped:
            digest, size = sha256_of(dumped)
        archive.add(os.path.join(work, name), arcname=name)
        manifest["database"] = {"path": name, "size": size, "sha256": digest}
        for file_path in _safe_listing():
            if not include_renditions and file_path.startswith("images/"):
                continue
            # Spooled through a temporary file: read once from the storage (S3 included), hashed and archived.
            with default_storage.open(file_path, "rb") as source, tempfile.TemporaryFile() as copy:
                shutil.copyfileobj(source, copy, CHUNK)
                copy.seek(0)
                digest, size = sha256_of(copy)
                copy.seek(0)
                info = tarfile.TarInfo(FILES + file_path)
                info.size = size
                archive.addfile(info, copy)
            manifest["files"].append({"path": file_path, "size": size, "sha256": digest})
        body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    os.replace(path + ".part", path)  # a cut-short backup never looks finished
    return path, manifest


# Restore.


def read_manifest(archive):
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("The archive has no manifest.json: it is not a backup made by manage.py backup.") from None
    return json.load(member)


def _expected(manifest):
    entries = {manifest["database"]["path"]: manifest["database"]}
    entries.update({FILES + entry["path"]: entry for entry in manifest["files"]})
    return entries


def verify_archive(path):
    """Every member's checksum against the manifest; returns the manifest."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        expected = _expected(manifest)
        seen = set()
        for member in archive:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise BackupError(f"The archive holds {member.name}, which its manifest does not list.")
            digest, size = sha256_of(archive.extractfile(member))
            if (digest, size) != (entry["sha256"], entry["size"]):
                raise BackupError(f"{member.name} does not match its checksum: the archive is damaged.")
            seen.add(member.name)
        missing = set(expected) - seen
        if missing:
            raise BackupError(
                f"The archive lacks {len(missing)} file(s) its manifest lists, e.g. {sorted(missing)[0]}."
            )
    return manifest


def database_has_content():
    """Pages of a site (anything beyond the tree root and Wagtail's own welcome page) or any report."""
    tables = connection.introspection.table_names()
    if "wagtailcore_page" not in tables:
        return False
    return (
        Page.objects.filter(depth__gt=1)
        .exclude(content_type__model="page", content_type__app_label="wagtailcore")
        .exists()
    )


def restore_backup(path, force=False):
    """Restore the archive; returns the manifest. Refuses a non-empty database or storage unless forced."""
    manifest = verify_archive(path)
    if not force:
        if database_has_content():
            raise BackupError(
                "The database already has pages. Restore into an empty database, or pass --force "
                "to replace everything in it."
            )
        if _safe_listing():
            raise BackupError(
                "The file storage already has files. Restore into an empty storage, or pass --force "
                "to overwrite files of the same name."
            )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        name = manifest["database"]["path"]
        archive.extract(name, work, filter="data")
        _load_database(os.path.join(work, name), manifest["database_vendor"])
        for entry in manifest["files"]:
            if default_storage.exists(entry["path"]):
                default_storage.delete(entry["path"])
            saved = default_storage.save(entry["path"], File(archive.extractfile(FILES + entry["path"])))
            if saved != entry["path"]:
                raise BackupError(f"The storage saved {entry['path']} as {saved}; the restore is incomplete.")
    for entry in manifest["files"]:
        with default_storage.open(entry["path"], "rb") as restored:
            if sha256_of(restored) != (entry["sha256"], entry["size"]):
                raise BackupError(f"{entry['path']} differs from the archive after the restore.")
    return manifest


def counts():
    """What an operator checks after a restore (an archive of an unmigrated database has no tables to count)."""
    if "wagtailcore_page" not in connection.introspection.table_names():
        return {"files": len(_safe_listing()), "database tables": 0}
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "self-assessment reports": SelfAssessmentReport.objects.count(),
        "files": len(_safe_listing()),
    }
