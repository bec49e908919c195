"""The media disk full: a document upload in the admin fails with the clear message (in the editor's
language), nothing is stored, the institution page is untouched and visitors see no error; once room
is made, the same upload succeeds.

The disk is real: a 2 MB tmpfs mounted as MEDIA_ROOT (as root), holding a copy of the media and
filled up with a file; unmounted at the end whatever happens.
"""

import contextlib
import os
import shutil
import subprocess
import time

from django.db import connections
from django.utils import translation
from wagtail.documents import get_document_model

from institutions.models import InstitutionPage
from operations.storage_full import STORAGE_FULL_MESSAGE

from .admin_session import AdminSession
from .load import Load, fetch, public_paths
from .result import DrillResult, count, recovery_after
from .stack import ADMIN_PASSWORD, ADMIN_USER, BASE_URL, STATE

FREE_MB = 2
UPLOAD = "/admin/documents/add/"


def messages_in_any_language():
    messages = []
    for language in ("ky", "ru", "en"):
        with translation.override(language):
            messages.append(str(STORAGE_FULL_MESSAGE))
    return messages


def fill(folder):
    """Write until the disk refuses: a real ENOSPC for whoever writes next."""
    with open(folder / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
                os.fsync(filler.fileno())
        except OSError:
            pass


def page_state(page_id):
    connections.close_all()
    page = InstitutionPage.objects.get(pk=page_id)
    return page.latest_revision_id, page.live_revision_id, page.title, page.last_published_at


def documents():
    connections.close_all()
    return set(get_document_model().objects.values_list("pk", flat=True))


@contextlib.contextmanager
def media_on_tmpfs():
    """A small tmpfs holding a copy of the media, with FREE_MB to spare; unmounted whatever happens."""
    source, mount = STATE / "media", STATE / "media-full"
    source.mkdir(exist_ok=True)
    mount.mkdir(exist_ok=True)
    used_kb = int(
        subprocess.run(["du", "-sk", str(source)], capture_output=True, text=True, check=True).stdout.split()[0]
    )
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={used_kb + FREE_MB * 1024}k", "tmpfs", str(mount)], check=True)
    try:
        shutil.copytree(source, mount, dirs_exist_ok=True)
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


def run(stack, short):
    """The stack runs with MEDIA_ROOT on media_on_tmpfs() (the runner starts it so)."""
    result = DrillResult("media-disk-full")
    mount = stack.media_root
    paths = public_paths(BASE_URL)
    for path in paths:  # renditions made now, while there is room
        fetch(BASE_URL + path)
    connections.close_all()  # the runner's own connection may predate the database drill's restart
    page = InstitutionPage.objects.live().first()
    before_page, before_documents = page_state(page.pk), documents()
    admin = AdminSession(BASE_URL)
    admin.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    load = Load(BASE_URL, paths, max_seconds=120).start()
    try:
        time.sleep(2 if short else 10)
        fill(mount)
        full_at = time.monotonic()
        fields = {**admin.form_fields(UPLOAD), "title": "Drill evidence"}
        status, location, _ = admin.post(UPLOAD, fields, files={"file": ("evidence.pdf", os.urandom(300_000))})
        _, _, form_again = admin.request(UPLOAD)
        shown = any(message in form_again for message in messages_in_any_language())
        time.sleep(2 if short else 10)
        (mount / "filler").unlink()
        restored_at = time.monotonic()
        fields = {**admin.form_fields(UPLOAD), "title": "Drill evidence"}
        retry_status, _, _ = admin.post(UPLOAD, fields, files={"file": ("evidence.pdf", os.urandom(300_000))})
        time.sleep(2 if short else 10)
    finally:
        load.stop()
        (mount / "filler").unlink(missing_ok=True)
    after_page, after_documents = page_state(page.pk), documents()
    count(result, load)
    result.recovery_seconds = recovery_after(load, restored_at)
    stray = list((mount / "documents").glob("evidence*")) if (mount / "documents").exists() else []
    result.notes.append(f"upload on the full disk: {status} back to the form, message shown: {shown}; "
                        f"after making room: {retry_status}; {len(load.between(full_at, restored_at))} pages "
                        f"served while full")  # fmt: skip
    new = after_documents - before_documents
    if status != 302 or location != BASE_URL + UPLOAD or not shown:
        result.problems.append(f"no clear message on the full disk (status {status})")
    if retry_status != 302 or len(new) != 1:
        result.problems.append("the upload failed after room was made, or the failed one was stored")
    if after_page != before_page:
        result.problems.append("the institution page changed")
    if result.failed:
        result.problems.append(f"{result.failed} page requests failed")
    if len(stray) != 1:
        result.problems.append(f"{len(stray)} uploaded files on the disk, only the successful one expected")
    get_document_model().objects.filter(pk__in=new).delete()  # the drill's own upload, not kept
    return result
