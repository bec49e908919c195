"""The Wagtail admin in Kyrgyz: the catalogues cover the installed Wagtail and wagtail-localize, their
placeholders match, Django serves them (over its own ky), and editors and reviewers start in Kyrgyz."""

import glob
import json
import os
import re
from collections import Counter
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.users.models import UserProfile

from core import admin_catalogues
from roles.invitations import invite_editor

from .roles_setup import area_of, editors_of

ROOT = Path(__file__).resolve().parent.parent
OURS = [admin_catalogues.catalogue_path(domain, ROOT / "locale_admin") for domain in admin_catalogues.DOMAINS]
PROJECT = [ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("ky", "ru", "en")]


def describe(key, source=None):
    domain, msgctxt, msgid = key
    where = f"{', '.join(source.apps)} " if source else ""
    context = f"[{msgctxt}] " if msgctxt else ""
    plural = f" / {source.entry.msgid_plural!r}" if source and source.entry.msgid_plural else ""
    return f"{where}({domain}) {context}{msgid!r}{plural}"


def test_every_msgid_of_the_installed_wagtail_and_wagtail_localize_has_a_kyrgyz_translation():
    sources = admin_catalogues.source_entries(installed_only=True)
    installed = {app for app, _domain, _path in admin_catalogues.english_catalogues(installed_only=True)}
    # The installed apps' own catalogues are read (not none): the admin, core, wagtail-localize, JS too.
    assert {"wagtail", "wagtail.admin", "wagtail_localize"} <= installed
    assert {domain for domain, _ctx, _id in sources} == {"django", "djangojs"}
    assert len(sources) > 1500
    translated = admin_catalogues.translations(OURS)
    missing = [describe(key, source) for key, source in sources.items() if key not in translated]
    assert not missing, (
        f"{len(missing)} of {len(sources)} msgids of the installed Wagtail apps lack a Kyrgyz translation. "
        "Run `manage.py update_admin_catalogues` and translate them in locale_admin/ky/LC_MESSAGES/:\n"
        + "\n".join(missing)
    )


# printf placeholders (%(name)s, %s, %d, %%) where the entry is a format string, and brace ones ({name}, {0}, {}).
PRINTF = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%%")
BRACE = re.compile(r"\{\w*\}")
FORMAT_FLAGS = {"python-format", "javascript-format", "c-format"}


def placeholders(text, entry):
    found = BRACE.findall(text)
    # JavaScript catalogues often lack the flag, but a %s or %(name)s there is interpolate()'s placeholder.
    if FORMAT_FLAGS & set(entry.flags) or re.search(r"%(?:\(\w+\))?[sd]", entry.msgid):
        found += PRINTF.findall(text)
    named = {p for p in found if re.fullmatch(r"%\(\w+\).*|\{[A-Za-z_]\w*\}", p)}
    # Named ones may repeat or move; positional ones must keep their number and order.
    return named, [p for p in found if p not in named]


def placeholder_problems(path):
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            expected = [placeholders(entry.msgid, entry), placeholders(entry.msgid_plural, entry)]
            forms = [text for _index, text in sorted(entry.msgstr_plural.items()) if text]
        else:
            expected = [placeholders(entry.msgid, entry)]
            forms = [entry.msgstr] if entry.msgstr else []
        for text in forms:
            if placeholders(text, entry) not in expected:
                problems.append(f"{path.parent.parent.name}/{path.name}: {entry.msgid!r} → {text!r}")
    return problems


@pytest.mark.parametrize(
    "path", OURS + PROJECT, ids=lambda path: f"{path.parents[2].name}/{path.parent.parent.name}/{path.name}"
)
def test_placeholders_match_in_every_translation(path):
    assert placeholder_problems(path) == []


def test_the_placeholder_check_catches_a_lost_or_changed_placeholder(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Edit %(title)s", msgstr="Түзөтүү", flags=["python-format"]))
    po.append(polib.POEntry(msgid="Page {0} of {1}", msgstr="{0}-бет"))
    po.append(
        polib.POEntry(
            msgid="%(count)s page",
            msgid_plural="%(count)s pages",
            flags=["python-format"],
            msgstr_plural={0: "%(count)s барак", 1: "%(n)s барак"},
        )
    )
    po.append(polib.POEntry(msgid="Deleted %s", msgstr="%s өчүрүлдү", flags=["python-format"]))
    po.save(str(tmp_path / "django.po"))
    assert len(placeholder_problems(tmp_path / "django.po")) == 3


@pytest.mark.parametrize("path", OURS, ids=lambda path: path.name)
def test_no_fuzzy_entries(path):
    assert [entry.msgid for entry in polib.pofile(str(path)) if "fuzzy" in entry.flags] == []


def django_ky_catalogue():
    """Django's own Kyrgyz translations (core and the installed contrib apps)."""
    paths = [os.path.join(os.path.dirname(django.__file__), "conf", "locale", "ky", "LC_MESSAGES", "django.po")]
    for config in apps.get_app_configs():
        if config.name.startswith("django."):
            paths += glob.glob(os.path.join(config.path, "locale", "ky", "LC_MESSAGES", "django.po"))
    return {entry.msgid: entry.msgstr for path in paths for entry in polib.pofile(path) if entry.translated()}


def test_our_kyrgyz_wins_over_djangos_and_the_projects_own_over_both():
    ours = {
        e.msgid: e.msgstr for e in polib.pofile(str(OURS[0])) if e.translated() and not e.msgctxt and not e.msgid_plural
    }
    project = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(PROJECT[0]))
        if e.translated() and not e.msgctxt and not e.msgid_plural
    }
    djangos = django_ky_catalogue()
    differing = [m for m in ours if m in djangos and djangos[m] != ours[m] and m not in project]
    shared_with_project = [m for m in ours if m in project and project[m] != ours[m]]
    assert differing and shared_with_project  # e.g. "Password reset"; "Home"
    with translation.override("ky"):
        assert {m: gettext(m) for m in differing} == {m: ours[m] for m in differing}
        assert {m: gettext(m) for m in shared_with_project} == {m: project[m] for m in shared_with_project}


def test_plural_forms_of_our_two_form_catalogue_and_djangos_one_form_catalogue_both_work():
    plural = next(
        e
        for e in polib.pofile(str(OURS[0]))
        if e.msgid_plural and e.translated() and not e.msgctxt and "%(count)s" in e.msgid_plural
    )
    with translation.override("ky"):
        assert ngettext(plural.msgid, plural.msgid_plural, 1) == plural.msgstr_plural[0]
        assert ngettext(plural.msgid, plural.msgid_plural, 5) == plural.msgstr_plural[1]
        # Django's ky has one form; read with our rule (5 → form 1) it would fall back to English.
        assert ngettext("%(num)d year", "%(num)d years", 1) % {"num": 1} == "1 жыл"
        assert ngettext("%(num)d year", "%(num)d years", 5) % {"num": 5} == "5 жыл"


@pytest.fixture
def admin_in(db):
    def make(language, username=None):
        user = get_user_model().objects.create_superuser(username or f"admin-{language}", f"{language}@example.kg", "x")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return make


def translated_in(path, msgids):
    entries = {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.msgctxt and not e.msgid_plural}
    return {msgid: entries.get(msgid, "") for msgid in msgids}


def visible_text(response):
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


ACTIONS = ["Edit", "Move", "Copy", "Delete", "History", "Filter by", "Page type"]


def test_the_page_explorer_speaks_the_editors_language(client, home, admin_in):
    labels = {}
    for language in ("ky", "ru"):
        with translation.override(language):
            labels[language] = {msgid: gettext(msgid) for msgid in ACTIONS}
        client.force_login(admin_in(language))
        response = client.get(reverse("wagtailadmin_explore", args=[home.pk]))
        assert f'<html lang="{language}"' in response.content.decode()
        text = visible_text(response)
        assert [msgid for msgid, label in labels[language].items() if label == msgid or label not in text] == []
    assert [msgid for msgid in ACTIONS if labels["ky"][msgid] == labels["ru"][msgid]] == []


def test_the_dashboard_shows_the_projects_own_panels_in_kyrgyz(client, home, admin_in):
    client.force_login(admin_in("ky"))
    text = visible_text(client.get(reverse("wagtailadmin_home")))
    project = translated_in(PROJECT[0], ["Ministry overview", "Dashboard"])
    wagtail = translated_in(OURS[0], ["Dashboard"])
    assert project["Ministry overview"] in text
    assert wagtail["Dashboard"] in text


def test_no_avatar_comes_from_gravatar_and_editors_upload_their_own(client, admin_in):
    client.force_login(admin_in("ky"))
    for name in ("wagtailadmin_home", "wagtailadmin_account"):
        assert "gravatar" not in client.get(reverse(name)).content.decode().lower()
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'type="file" name="avatar-avatar"' in html


def test_the_admins_javascript_catalogue_serves_kyrgyz_with_two_forms(client, admin_in):
    client.force_login(admin_in("ky"))
    entries = [e for e in polib.pofile(str(OURS[1])) if e.translated() and not e.msgctxt and not e.msgid_plural]
    assert entries
    # Both of the admin's JavaScript catalogues (Wagtail's and wagtail-localize's editor) read LOCALE_PATHS.
    for url in (reverse("wagtailadmin_javascript_catalog"), reverse("wagtail_localize:javascript_catalog")):
        script = client.get(url).content.decode()
        assert "const v = (n != 1);" in script
        assert [e.msgid for e in entries if f"{json.dumps(e.msgid)}: {json.dumps(e.msgstr)}" not in script] == []


def test_kyrgyz_is_offered_in_the_account_settings_with_russian_and_english(client, admin_in):
    client.force_login(admin_in("ky"))
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    for code in ("ky", "ru", "en"):
        assert f'<option value="{code}"' in html


def test_an_invited_editor_starts_in_kyrgyz_and_keeps_a_language_chosen_before(client, two_institutions):
    a, b = two_institutions
    new = invite_editor("new.editor@example.kg", a, send=False).user
    assert UserProfile.get_for_user(new).preferred_language == "ky"
    client.force_login(new)
    assert '<html lang="ky"' in client.get(reverse("wagtailadmin_home")).content.decode()

    chose_russian = get_user_model().objects.create_user("ru-editor", "ru-editor@example.kg", "x")
    UserProfile.objects.create(user=chose_russian, preferred_language="ru")
    invite_editor("ru-editor@example.kg", b, send=False)
    assert UserProfile.get_for_user(chose_russian).preferred_language == "ru"


def test_reviewers_and_editors_added_to_their_group_start_in_kyrgyz(two_institutions):
    a, _b = two_institutions
    User = get_user_model()
    reviewer, editor, other = (User.objects.create_user(name) for name in ("reviewer-k", "editor-k", "other"))
    area_of(a).group.user_set.add(reviewer)
    editor.groups.add(editors_of(a).group)
    assert UserProfile.get_for_user(reviewer).preferred_language == "ky"
    assert UserProfile.get_for_user(editor).preferred_language == "ky"
    assert UserProfile.get_for_user(other).preferred_language == ""


def test_demo_users_start_in_kyrgyz(two_institutions, settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    call_command("ensure_demo_users")
    languages = Counter(UserProfile.objects.values_list("preferred_language", flat=True))
    assert languages == Counter({"ky": 5})


def test_the_institution_editors_choosers_speak_each_editors_language(client, two_institutions, admin_in):
    # Wagtail formats the snippet choosers' labels once; ours are formatted per request.
    a, _b = two_institutions
    for n, language in enumerate(("ky", "ru", "ky")):
        with translation.override(language):
            labels = [
                gettext("Choose another %(object)s") % {"object": gettext(name)}
                for name in ("region", "district", "institution type")
            ]
        client.force_login(admin_in(language, username=f"editor-{n}"))
        html = client.get(reverse("wagtailadmin_pages:edit", args=[a.pk])).content.decode()
        # The choosers are rendered into the editor's JSON, with \uXXXX escapes.
        html = re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match[1], 16)), html)
        assert [label for label in labels if label not in html] == []
        assert "Choose another" not in html


def test_updating_the_catalogues_keeps_translations_adds_new_msgids_and_drops_old_ones(settings, tmp_path, capsys):
    settings.BASE_DIR = tmp_path
    path = admin_catalogues.catalogue_path("django")
    path.parent.mkdir(parents=True)
    old = polib.POFile()
    old.append(polib.POEntry(msgid="Publish", msgstr="Жарыялоо"))
    old.append(polib.POEntry(msgid="A msgid Wagtail no longer has", msgstr="Эски"))
    old.save(str(path))
    split = tmp_path / "django-01.po"
    more = polib.POFile()
    more.append(polib.POEntry(msgid="Unpublish", msgstr="Жарыялоодон алуу"))
    more.save(str(split))

    call_command("update_admin_catalogues", "--from", str(split))

    merged = {entry.msgid: entry for entry in polib.pofile(str(path))}
    assert merged["Publish"].msgstr == "Жарыялоо" and merged["Unpublish"].msgstr == "Жарыялоодон алуу"
    assert "A msgid Wagtail no longer has" not in merged
    assert merged["Save draft"].msgstr == ""  # new to this catalogue: listed untranslated
    assert len(merged) == len([k for k in admin_catalogues.source_entries() if k[0] == "django"])
    assert "2 of" in capsys.readouterr().out

    call_command("update_admin_catalogues", "--split", str(tmp_path / "parts"), "--size", "1000")
    parts = sorted((tmp_path / "parts").glob("django-*.po"))
    assert [len(polib.pofile(str(part))) for part in parts] == [1000, len(merged) - 2 - 1000]
    assert "Publish" not in {entry.msgid for part in parts for entry in polib.pofile(str(part))}
