"""Three languages: Kyrgyz first. Redirects, lang and hreflang, and the language switcher."""

import re

import pytest
from django.test import Client

from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from pages.models import HomePage

from .factories import InstitutionPageFactory


@pytest.mark.parametrize(
    "accept, expected",
    [("ky", "/ky/"), ("ru-RU,ru;q=0.9", "/ru/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR,de;q=0.5", "/ky/"), ("", "/ky/")],
)
def test_root_redirects_by_browser_language(home, accept, expected):
    response = Client(HTTP_ACCEPT_LANGUAGE=accept).get("/")
    assert response.status_code == 302
    assert response["Location"] == expected


def pages_of_every_type():
    return [
        HomePage.objects.get(locale__language_code="ky"),
        InstitutionIndexPage.objects.get(locale__language_code="ky"),
        InstitutionPage.objects.filter(locale__language_code="ky").first(),
        ProgrammePage.objects.filter(locale__language_code="ky").first(),
    ]


def test_switcher_says_when_a_page_is_not_translated(client, directory):
    only_kyrgyz = InstitutionPageFactory(parent=directory, title="Жалгыз кыргызча барак")
    html = client.get(only_kyrgyz.url).content.decode()
    link = re.search(r'href="([^"]+)" hreflang="ru"', html).group(1)
    assert link == f"/ru/not-translated/{only_kyrgyz.pk}/"
    response = client.get(link)
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="ru">' in body
    assert "Жалгыз кыргызча барак" in body
    assert only_kyrgyz.url in body


def ru_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="ru")


@pytest.mark.parametrize(
    "language, expected",
    [("ky", "2021-жылдын 27-августу"), ("ru", "27 августа 2021 г."), ("en", "27 August 2021")],
)
def test_dates_read_as_each_language_writes_them(language, expected):
    from datetime import date

    from django.utils import formats, translation

    with translation.override(language):
        assert formats.date_format(date(2021, 8, 27), "DATE_FORMAT") == expected


def en_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.parametrize(
    "app, english, russian",
    [("accreditation", "Accreditation", "Аккредитация"), ("transparency", "Transparency index", "Индекс прозрачности")],
)
def test_app_names_follow_the_admin_language(app, english, russian):
    from django.apps import apps
    from django.utils import translation

    name = apps.get_app_config(app).verbose_name
    with translation.override("en"):
        assert str(name) == english
    with translation.override("ru"):
        assert str(name) == russian


def test_switcher_on_a_view_keeps_the_view_and_its_parameters(client, directory):
    from django.urls import reverse

    schools = [InstitutionPageFactory(parent=directory) for _ in range(2)]
    url = reverse("compare") + f"?ids={schools[0].pk},{schools[1].pk}"
    html = client.get(url).content.decode()
    link = re.search(r'href="([^"]+)" hreflang="en"', html).group(1).replace("&amp;", "&")
    assert link == f"/en/compare/?ids={schools[0].pk},{schools[1].pk}"
    assert client.get(link).status_code == 200


@pytest.mark.xdist_group("languages-demo-site")  # one worker, one load (make test: --dist loadgroup)
class TestOnTheTranslatedDemoSite:
    """One translated demo institution, loaded once for these tests (tests/shared_rows.py)."""

    def test_every_page_type_renders_in_three_languages(self, client, translated_site):
        for source in pages_of_every_type():
            for page in source.get_translations(inclusive=True):
                language = page.locale.language_code
                html = client.get(page.url).content.decode()
                assert f'<html lang="{language}">' in html, page.url
                alternates = set(re.findall(r'hreflang="([a-z-]+)" href="http', html))
                assert alternates == {"ky", "ru", "en", "x-default"}, (page.url, alternates)

    def test_switcher_lands_on_the_same_page_in_another_language(self, client, translated_site):
        ky = InstitutionPage.objects.filter(locale__language_code="ky").first()
        ru = ky.get_translation(ru_locale())
        html = client.get(ky.url).content.decode()
        assert f'href="{ru.url}" hreflang="ru"' in html

    def test_a_query_in_another_language_finds_the_institution(self, client, translated_site):
        ky = InstitutionPage.objects.filter(locale__language_code="ky").first()
        ru_directory = InstitutionIndexPage.objects.get(locale__language_code="ru")
        en_title_word = ky.get_translation(en_locale()).title.split()[0]
        for query in (ky.title.split()[0], en_title_word):
            response = client.get(ru_directory.url, {"q": query})
            hits = response.context["result"].hits
            assert hits and hits[0].page.locale.language_code == "ru", query
            assert hits[0].page.translation_key == ky.translation_key
