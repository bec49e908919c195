"""In Chromium: an institution's editor works a whole day in a Kyrgyz admin (sign in, dashboard, upload
evidence, edit the institution page, choose the evidence, submit for moderation, the district's reviewer
asks for changes with a comment, the editor reads it; then a self-assessment report section) and meets
no English or Russian text: not on screen, nor in the names read out to screen readers (aria-label,
title, placeholder, alt). Screenshots go to test-results/admin-ky-*.png (1280 px wide; a few also at
360 px, named *-360.png)."""

import os
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage
from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

from roles.invitations import invite_editor
from selfassessment.prefill import create_report

from ..accreditation_factories import PDF_BYTES
from ..roles_setup import area_of, two_institutions  # noqa: F401 - fixture
from .conftest import RESULTS

pytestmark = pytest.mark.browser

# Run once with ADMIN_SCREENS_LANGUAGE=ru to see the check fail on a Russian admin.
LANGUAGE = os.environ.get("ADMIN_SCREENS_LANGUAGE", "ky")
PASSWORD = "Kyrgyz-admin-2025"
REVIEWER_COMMENT = "Стратегиялык пландын документине директордун колун коюңуз."
DOCUMENT_TITLE = "Стратегиялык план 2025-2030"
IMAGE_TITLE = "Мектептин имараты"

ENGLISH = {
    "edit",
    "save",
    "publish",
    "submit",
    "dashboard",
    "pages",
    "page",
    "settings",
    "search",
    "cancel",
    "delete",
    "preview",
    "history",
    "status",
    "draft",
    "live",
    "actions",
    "locale",
    "help",
    "account",
    "log",
    "out",
    "review",
    "workflow",
    "moderation",
    "comments",
    "reports",
    "documents",
    "images",
    "title",
    "add",
    "choose",
    "more",
    "close",
    "menu",
    "sign",
    "the",
    "and",
    "of",
    "to",
    "for",
    "in",
    "your",
    "is",
    "this",
    "district",
    "approval",
    "editors",
    "report",
    "institution",
    "year",
    "criteria",
    "next",
    "previous",
    "back",
    "yes",
    "no",
    "upload",
    "uploaded",
    "document",
    "image",
    "file",
    "files",
    "tags",
    "collection",
    "changes",
    "request",
    "requested",
    "approve",
    "comment",
    "update",
    "drag",
    "drop",
    "here",
    "select",
    "task",
    "awaiting",
    "view",
    "details",
    "toggle",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "language",
    "filter",
    "all",
    "name",
    "created",
    "by",
    "at",
    "on",
    "or",
    "with",
    "from",
    "user",
    "password",
    "username",
    "forgotten",
    "welcome",
    "recent",
    "edits",
    "explorer",
    "main",
    "content",
    "skip",
    "notifications",
    "minimap",
    "collapse",
    "expand",
    "insert",
    "block",
    "field",
    "required",
    "error",
    "success",
    "loading",
    "focal",
    "point",
    "alt",
    "text",
    "decorative",
}
RUSSIAN = {
    "редактировать",
    "сохранить",
    "опубликовать",
    "отправить",
    "страницы",
    "настройки",
    "поиск",
    "отмена",
    "удалить",
    "история",
    "черновик",
    "действия",
    "выйти",
    "документы",
    "изображения",
    "проверка",
    "проверку",
    "комментарии",
    "добавить",
    "выбрать",
    "закрыть",
    "учреждение",
    "организация",
    "загрузить",
    "изображение",
    "коллекция",
    "изменения",
    "запрос",
    "одобрить",
    "задача",
    "подробнее",
    "язык",
    "пользователь",
    "пароль",
    "войти",
}  # Russian only: "отчет", "статус", "меню", "панель", "документ", "файл", "комментарий" are Kyrgyz words too.

# What screen readers are told besides the visible text.
ACCESSIBLE_NAMES = """() => Array.from(document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]'))
    .map(e => ['aria-label', 'title', 'placeholder', 'alt'].map(a => e.getAttribute(a) || '').join(' '))
    .join(' \\n ')"""


def leftovers(text, proper_names):
    """English or Russian UI words left in `text`, once proper names, addresses and numbers are out."""
    for name in sorted(proper_names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|\S*/\S*", " ", text)
    words = {word.lower() for word in re.findall(r"[^\W\d_]+", text)}
    return sorted(words & ENGLISH) + sorted(words & RUSSIAN)


def set_language(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = LANGUAGE
    profile.save()
    return user


@pytest.fixture
def editor(two_institutions):  # noqa: F811 - the fixture imported above
    a, _b = two_institutions
    user = invite_editor("editor.ky@example.kg", a, send=False).user
    user.first_name, user.last_name = "Айгүл", "Токтосунова"
    user.set_password(PASSWORD)
    user.save()
    return set_language(user)


@pytest.fixture
def reviewer(two_institutions):  # noqa: F811 - the fixture imported above
    a, _b = two_institutions
    user = get_user_model().objects.create_user(
        "reviewer.ky", "reviewer.ky@example.kg", PASSWORD, first_name="Бакыт", last_name="Осмонов"
    )
    user.groups.add(area_of(a).group)
    return set_language(user)


class Screens:
    """Screenshots of each screen and what it leaves untranslated, by screen."""

    def __init__(self, names):
        self.names = set(names)
        self.found = {}

    def __call__(self, page, name, *, phone=False, extra_names=()):
        RESULTS.mkdir(exist_ok=True)
        names = self.names | set(extra_names)
        widths = (1280, 360) if phone else (1280,)
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            suffix = "" if width == 1280 else f"-{width}"
            page.screenshot(path=str(RESULTS / f"admin-{LANGUAGE}-{name}{suffix}.png"), full_page=True)
            text = page.inner_text("body") + "\n" + page.evaluate(ACCESSIBLE_NAMES)
            words = leftovers(text, names)
            if words:
                self.found[f"{name}{suffix}"] = words
        page.set_viewport_size({"width": 1280, "height": 900})


def sign_in(page, live_server, user):
    # django-axes is active: sign in through the form, as a person does.
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))


def autosaved(page, obj):
    """Wait until Wagtail's autosave has stored the edit and the form knows its revision: a submit sent
    before that names an older revision and is refused as someone else's (core.wagtail_hooks)."""
    for _attempt in range(80):
        page.wait_for_timeout(250)
        latest = type(obj).objects.get(pk=obj.pk).latest_revision_id
        if page.input_value("input[name=loaded_revision_id]") == str(latest):
            return
    raise AssertionError("the autosave did not finish")


def png_bytes():
    buffer = BytesIO()
    Image.new("RGB", (640, 400), (120, 160, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(page, screens, url, file, title, name, model):
    """Wagtail's multiple uploader: drop a file, give it its title, save it; returns the saved object."""
    page.goto(url)
    screens(page, f"{name}-upload")
    page.set_input_files("#fileupload", files=[file])
    form = page.locator(".upload-list form").first
    form.wait_for()
    form.locator("input[name$=title]").fill(title)
    screens(page, f"{name}-uploaded", extra_names={file["name"], title})
    form.locator("button[type=submit], input[type=submit]").first.click()
    for _attempt in range(40):  # the title is saved by a background request
        saved = model.objects.filter(title=title).first()
        if saved is not None:
            return saved
        page.wait_for_timeout(500)
    raise AssertionError(f"{title} was not saved")


def test_an_editor_works_a_day_in_kyrgyz(live_server, browser, page, two_institutions, editor, reviewer):  # noqa: F811
    a, _b = two_institutions
    report = create_report(a, 2025)
    screens = Screens(
        {
            a.title,
            "Айгүл",
            "Токтосунова",
            "Айгүл Токтосунова",
            editor.get_username(),
            "Бакыт",
            "Осмонов",
            "Бакыт Осмонов",
            reviewer.get_username(),
            "Wagtail",
            "Achyk Bilim",
            a.district.name,
            "Ачык Билим",
            DOCUMENT_TITLE,
            IMAGE_TITLE,
            REVIEWER_COMMENT,
            a.district.region.name,
            a.institution_type.name,
        }
    )
    page.set_default_timeout(20_000)

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    screens(page, "login", phone=True)
    sign_in(page, live_server, editor)
    assert page.locator("html").get_attribute("lang") == LANGUAGE
    screens(page, "dashboard", phone=True)

    # Evidence: a document and an image, into the institution's own collection.
    document = upload(
        page,
        screens,
        live_server.url + reverse("wagtaildocs:add_multiple"),
        {"name": "strategiyalyk-plan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
        DOCUMENT_TITLE,
        "document",
        Document,
    )
    upload(
        page,
        screens,
        live_server.url + reverse("wagtailimages:add_multiple"),
        {"name": "imarat.png", "mimeType": "image/png", "buffer": png_bytes()},
        IMAGE_TITLE,
        "image",
        WagtailImage,
    )
    screens(page, "image-saved")

    # The institution page: a snippet chooser (its language filter), then the evidence into a disclosure.
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[a.pk]))
    page.fill("input[name=title]", a.title)  # an edit that keeps the proper name
    screens(page, "edit", phone=True)
    page.locator("#id_district-chooser [data-w-dropdown-target=toggle]").click()
    choose_another = page.locator("[data-chooser-action-choose]:visible").first
    choose_another.wait_for()
    screens(page, "chooser-menu")
    choose_another.click()
    page.locator(".modal-content [data-chooser-modal-choice]").first.wait_for()
    screens(page, "chooser-district")
    page.locator(".modal-content [data-chooser-modal-choice]", has_text=a.district.name).first.click()
    page.locator(".modal-backdrop").wait_for(state="detached")
    page.get_by_role("tab").nth(1).click()
    page.locator("#id_strategic_plan_document-chooser .chooser__choose-button").click()
    page.locator(".modal-content [data-chooser-modal-choice]").first.wait_for()
    screens(page, "chooser-document")
    page.locator(".modal-content [data-chooser-modal-choice]", has_text=DOCUMENT_TITLE).first.click()
    page.locator(".modal-content").wait_for(state="hidden")
    page.locator(".modal-backdrop").wait_for(state="detached")
    autosaved(page, a)
    screens(page, "edit-evidence")

    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    screens(page, "submit-menu")
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    screens(page, "submitted")
    workflow = WorkflowState.objects.filter(object_id=str(a.pk), status=WorkflowState.STATUS_IN_PROGRESS).first()
    assert workflow is not None, page.inner_text("main")[:500]
    assert type(a).objects.get(pk=a.pk).get_latest_revision_as_object().strategic_plan_document_id == document.pk

    # The district's reviewer asks for a change, with a comment.
    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ky-KG")
    review = reviewer_context.new_page()
    review.set_default_timeout(20_000)
    sign_in(review, live_server, reviewer)
    screens(review, "reviewer-dashboard")
    review.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[a.pk]))
    review.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    screens(review, "reviewer-menu")
    review.locator("button[data-workflow-action-name=reject]").first.click()
    review.locator(".modal-content textarea[name=comment]").wait_for()
    review.fill(".modal-content textarea[name=comment]", REVIEWER_COMMENT)
    screens(review, "reviewer-comment")
    with review.expect_navigation():
        review.locator(".modal-content [type=submit]").first.click()
    reviewer_context.close()
    task_state = TaskState.objects.get(workflow_state=workflow)
    assert (task_state.status, task_state.comment) == (TaskState.STATUS_REJECTED, REVIEWER_COMMENT)

    # The editor reads the reviewer's comment.
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    screens(page, "changes-requested-dashboard")
    page.goto(live_server.url + reverse("wagtailadmin_pages:workflow_history_detail", args=[a.pk, workflow.pk]))
    assert REVIEWER_COMMENT in page.inner_text("body")
    screens(page, "reviewer-comments", phone=True)

    page.goto(live_server.url + reverse("selfassessment:edit", args=[report.pk]))
    page.fill("input[name=head_name]", "Асанова Гүлнара Мукашевна")
    screens(page, "report", extra_names={"Асанова Гүлнара Мукашевна"})
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").first.click()
    report.refresh_from_db()
    assert report.head_name == "Асанова Гүлнара Мукашевна"
    screens(page, "report-saved", extra_names={"Асанова Гүлнара Мукашевна"})

    assert screens.found == {}, screens.found
