"""Every interface string has a Kyrgyz and a Russian translation (and the English catalogue is complete)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ky", "ru", "en")
NEEDS_GETTEXT = "GNU gettext's xgettext is needed to extract strings; install it with `apt-get install gettext`."


def untranslated(po):
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            missing.append(f"{entry.msgid!r} (fuzzy)")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                missing.append(repr(entry.msgid))
        elif not entry.msgstr:
            missing.append(repr(entry.msgid))
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogue_is_complete(language):
    po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    assert untranslated(po) == []


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings afresh (as makemessages does) and check none is new or untranslated."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail(NEEDS_GETTEXT)
        pytest.skip(NEEDS_GETTEXT)
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "media", "static", "test-results", "*.sqlite3", "node_modules"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *[f"-l{code}" for code in LANGUAGES],
            "--ignore=tests",
            "--ignore=bench",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    problems = {}
    for language in LANGUAGES:
        missing = untranslated(polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po")))
        if missing:
            problems[language] = missing
    assert problems == {}, "Run makemessages and translate: " + repr(problems)
