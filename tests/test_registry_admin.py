"""The admin's registry import: only for permitted users; check first, then confirm."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from demo.loader import load_classifiers
from institutions.models import InstitutionPage

URL = "/admin/registry-import/"
SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "registry-sample.csv"


@pytest.fixture
def registry(directory):
    load_classifiers()
    return directory


def admin_user(django_user_model, *permissions, username="ministry"):
    user = django_user_model.objects.create_user(username=username, password="x")
    group = Group.objects.create(name=f"{username}-group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def row(**cells):
    """One more line for the sample file, in its column order."""
    columns = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
    return (",".join(cells.get(column, "") for column in columns) + "\n").encode()


def upload(client, content=None, name="registry.csv", **extra):
    data = {"file": SimpleUploadedFile(name, content if content is not None else SAMPLE.read_bytes()), **extra}
    with translation.override("en"):
        return client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en")


def test_without_the_permission_there_is_no_import(client, registry, django_user_model):
    client.force_login(admin_user(django_user_model))
    assert client.get(URL).status_code in (302, 403)
    assert "registry-import" not in client.get("/admin/").content.decode()


def test_check_then_confirm_creates_the_institutions(client, registry, django_user_model):
    client.force_login(admin_user(django_user_model, "import_institutions"))
    assert client.get(URL).status_code == 200
    checked = upload(client)
    assert checked.status_code == 200
    assert checked.context["report"].summary()["create"] == 3
    assert checked.context["can_confirm"]
    assert not InstitutionPage.objects.exists()  # the check writes nothing
    confirmed = client.post(URL, {"confirm": "1"})
    assert confirmed.status_code == 200
    assert confirmed.context["report"].written
    assert InstitutionPage.objects.live().count() == 3


def test_invalid_rows_are_listed_and_block_the_import(client, registry, admin_client):
    content = SAMPLE.read_bytes() + row(
        registry_code="KG-REG-0004", type="general-school", region="atlantis", email="bad-email"
    )
    response = upload(admin_client, content)
    report = response.context["report"]
    (invalid,) = report.invalid
    assert invalid.line == 5
    assert "Unknown region “atlantis”." in invalid.errors and "The name is missing." in invalid.errors
    assert not response.context["can_confirm"]
    html = response.content.decode()
    assert "Unknown region “atlantis”." in html
    # Confirming without a stored check does nothing.
    admin_client.post(URL, {"confirm": "1"})
    assert not InstitutionPage.objects.exists()


def test_skip_invalid_confirms_the_valid_rows(client, registry, admin_client):
    content = SAMPLE.read_bytes() + row(
        registry_code="KG-REG-0004", type="general-school", region="bishkek", district="lenin"
    )
    response = upload(admin_client, content, skip_invalid="on")
    assert response.context["can_confirm"]
    admin_client.post(URL, {"confirm": "1"})
    assert InstitutionPage.objects.count() == 3


def test_unreadable_file_gets_a_form_error(client, registry, admin_client):
    response = upload(admin_client, b"not a workbook", name="registry.xlsx")
    assert response.status_code == 200
    assert "cannot be opened" in str(response.context["form"].errors["file"])
    response = upload(admin_client, b"%PDF", name="registry.pdf")
    assert response.context["form"].errors["file"]


def test_a_malformed_csv_gets_a_form_error_not_a_server_error(client, registry, admin_client):
    content = SAMPLE.read_bytes() + b"KG-LONG," + b"x" * 140_000 + b"\n"
    response = upload(admin_client, content)
    assert response.status_code == 200
    assert "a value is too long" in str(response.context["form"].errors["file"])
    assert "registry_import" not in admin_client.session
    response = upload(admin_client, b"registry_code,name\x00\n")
    assert "contains NUL bytes" in str(response.context["form"].errors["file"])
    assert not InstitutionPage.objects.exists()
