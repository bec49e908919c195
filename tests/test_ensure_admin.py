"""`make run` prints an admin login that works, and the developer's admin opens in Russian."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_admin_login_is_printed_and_works(client, capsys, monkeypatch, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    line = capsys.readouterr().out.strip()
    username, password = line.split("Admin login: ")[1].split(" at ")[0].strip().split(" / ")
    # Through the admin's sign-in form: django-axes needs the request that client.login() would not pass.
    signed_in = client.post("/admin/login/", {"username": username, "password": password})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    response = client.get("/admin/")
    assert response.status_code == 200
    assert '<html lang="ru"' in response.content.decode()
    # A second run does not change the password and prints it again.
    call_command("ensure_admin")
    assert password in capsys.readouterr().out
