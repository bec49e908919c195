"""In Chromium: an institution's editor works in a Kyrgyz admin (sign in, dashboard, edit and submit the
institution page, edit a self-assessment report section) and meets no English or Russian UI text.
Screenshots go to test-results/admin-ky-*.png."""

import os
import re

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from roles.invitations import invite_editor
from selfassessment.prefill import create_report

from ..roles_setup import two_institutions  # noqa: F401 - fixture
from .conftest import RESULTS

pytestmark = pytest.mark.browser

# Run once with ADMIN_SCREENS_LANGUAGE=ru to see the check fail on a Russian admin.
LANGUAGE = os.environ.get("ADMIN_SCREENS_LANGUAGE", "ky")
PASSWORD = "Kyrgyz-admin-2025"

ENGLISH = {
    "edit", "save", "publish", "submit", "dashboard", "pages", "page", "settings", "search", "cancel", "delete",
    "preview", "history", "status", "draft", "live", "actions", "locale", "help", "account", "log", "out",
    "review", "workflow", "moderation", "comments", "reports", "documents", "images", "title", "add", "choose",
    "more", "close", "menu", "sign", "the", "and", "of", "to", "for", "in", "your", "is", "this", "district",
    "approval", "editors", "report", "institution", "year", "criteria", "next", "previous", "back", "yes", "no",
}
RUSSIAN = {
    "редактировать", "сохранить", "опубликовать", "отправить", "страницы", "настройки", "поиск", "отмена",
    "удалить", "история", "черновик", "действия", "выйти", "панель", "документы", "изображения",
    "проверка", "проверку", "комментарии", "добавить", "выбрать", "закрыть", "учреждение", "организация",
}  # Russian only: "отчет", "статус", "меню" are Kyrgyz words too.


def leftovers(text, proper_names):
    """English or Russian UI words left in `text`, once proper names, addresses and numbers are out."""
    for name in sorted(proper_names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|\S*/\S*", " ", text)
    words = {word.lower() for word in re.findall(r"[^\W\d_]+", text)}
    return sorted(words & ENGLISH) + sorted(words & RUSSIAN)


@pytest.fixture
def editor(two_institutions):  # noqa: F811 - the fixture imported above
    a, _b = two_institutions
    user = invite_editor("editor.ky@example.kg", a, send=False).user
    user.first_name, user.last_name = "Айгүл", "Токтосунова"
    user.set_password(PASSWORD)
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = LANGUAGE
    profile.save()
    return user


def screen(page, name, names):
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"admin-{LANGUAGE}-{name}.png"), full_page=True)
    return leftovers(page.inner_text("body"), names)


def test_an_editor_works_a_day_in_kyrgyz(live_server, page, two_institutions, editor):  # noqa: F811
    a, _b = two_institutions
    report = create_report(a, 2025)
    names = {a.title, "Айгүл", "Токтосунова", "Айгүл Токтосунова", editor.get_username(), "Wagtail", "Achyk Bilim",
             a.district.name, "Ачык Билим"}
    page.set_default_timeout(15_000)
    found = {}

    # django-axes is active: sign in through the form, as a person does.
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", editor.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))
    assert page.locator("html").get_attribute("lang") == LANGUAGE
    found["dashboard"] = screen(page, "dashboard", names)

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[a.pk]))
    page.fill("input[name=title]", a.title)  # an edit that keeps the proper name
    found["edit"] = screen(page, "edit", names)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    found["submit-menu"] = screen(page, "submit-menu", names)
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    assert WorkflowState.objects.filter(object_id=str(a.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()
    found["submitted"] = screen(page, "submitted", names)

    page.goto(live_server.url + reverse("selfassessment:edit", args=[report.pk]))
    page.fill("input[name=head_name]", "Асанова Гүлнара Мукашевна")
    found["report"] = screen(page, "report", names | {"Асанова Гүлнара Мукашевна"})
    page.locator("button[name=action][value=save]").first.click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.head_name == "Асанова Гүлнара Мукашевна"
    found["report-saved"] = screen(page, "report-saved", names | {"Асанова Гүлнара Мукашевна"})

    assert {screen: words for screen, words in found.items() if words} == {}
