"""Security headers: a strict Content-Security-Policy on public pages, the usual headers everywhere,
and `check --deploy` clean with the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
)
from .factories import InstitutionPageFactory, ProgrammePageFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def public_urls(home, directory):
    school = InstitutionPageFactory(parent=directory, latitude="42.870000", longitude="74.590000")
    other = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=school)
    register = DecisionIndexPageFactory(parent=home)
    decision = AccreditationDecisionPageFactory(parent=register, institution=school, shortcomings="<p>Кемчилик</p>")
    documents = MinistryDocumentIndexPageFactory(parent=home)
    order = MinistryDocumentPageFactory(parent=documents)
    return [
        register.url,
        register.url + "?outcome=accredited&expiring=1",
        decision.url,
        decision.url + "evidence/",
        documents.url,
        order.url,
        "/ky/",
        directory.url,
        directory.url + "?q=мектеп",
        school.url,
        programme.url,
        reverse("transparency"),
        reverse("compare") + f"?ids={school.pk},{other.pk}",
    ]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_forbid_inline_scripts_and_styles(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        # The map's tiles are the only images from elsewhere.
        assert "https://tile.openstreetmap.org" in policy["img-src"], url


def test_public_pages_send_the_usual_security_headers(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


def test_our_html_has_nothing_the_policy_would_block(client, public_urls):
    """A strict CSP silently breaks inline code, so none may be in our templates."""
    for url in public_urls:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            # Scripts from files, or data blocks (JSON, JSON-LD), which browsers never execute.
            assert "src=" in tag or re.search(r'type="application/(ld\+)?json"', tag), (url, tag)
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url


def test_admin_is_left_out_of_the_policy(client, django_user_model):
    """Wagtail's admin needs inline scripts: it gets the other headers but no CSP."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    user = django_user_model.objects.create_superuser("editor", "editor@example.kg", "pass")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def production(*args, **extra_env):
    # DJANGO_ALLOW_ASYNC_UNSAFE belongs to the browser tests' process (Playwright), never to a deployment.
    test_only = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL",
        "SECURE_HSTS_PRELOAD",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="production-like-secret-" + "k7Qz9" * 12,
        ALLOWED_HOSTS="achykbilim.kg",
        WAGTAILADMIN_BASE_URL="https://achykbilim.kg",
        **extra_env,
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_with_production_settings():
    result = production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


HSTS_SCRIPT = (
    "import django; django.setup()\n"
    "from django.http import HttpResponse\n"
    "from django.middleware.security import SecurityMiddleware\n"
    "from django.test import RequestFactory\n"
    "request = RequestFactory().get('/', secure=True, HTTP_HOST='achykbilim.kg')\n"
    "response = SecurityMiddleware(lambda request: HttpResponse())(request)\n"
    "print(response.headers.get('Strict-Transport-Security'))\n"
)


def test_production_sends_hsts_over_https_without_preload_by_default():
    # The security middleware with the production settings, on a page that needs no database.
    result = production("-c", HSTS_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "max-age=31536000; includeSubDomains"


def test_hsts_preload_is_opt_in():
    result = production("-c", HSTS_SCRIPT, SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "max-age=31536000; includeSubDomains; preload"


def test_deploy_check_is_clean_with_preload_on():
    result = production("manage.py", "check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stdout + result.stderr
