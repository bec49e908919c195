"""The demo loader fills the site and can run again without duplicating anything."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from demo.loader import load_demo_data
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage, StaffStatistic
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, Qualification, Region

def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "institutions.json"


def counts():
    return {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "types": InstitutionType.objects.count(),
        "qualifications": Qualification.objects.count(),
        "pages": Page.objects.count(),
        "institutions": InstitutionPage.objects.count(),
        "programmes": ProgrammePage.objects.count(),
        "licences": InstitutionLicence.objects.count(),
        "staff rows": StaffStatistic.objects.count(),
        "images": Image.objects.count(),
    }


def load(limit, capture):
    with capture(execute=True):
        load_demo_data(limit=limit)


@pytest.mark.django_db
def test_loading_twice_gives_the_same_counts(client, django_capture_on_commit_callbacks):
    load(6, django_capture_on_commit_callbacks)
    first = counts()
    load(6, django_capture_on_commit_callbacks)
    assert counts() == first
    # Every region and district, in each of the three languages.
    assert first["regions"] == 9 * 3
    assert first["districts"] == 44 * 3
    assert first["types"] == 6 * 3
    # Each institution in Kyrgyz, with Russian and English translations.
    assert first["institutions"] == 6 * 3
    assert first["images"] == 6
    home = HomePage.objects.get(locale__language_code="ky")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.get("/ky/").status_code == 200


@pytest.mark.django_db
def test_translations_read_in_their_own_language(client, django_capture_on_commit_callbacks):
    load(2, django_capture_on_commit_callbacks)
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))["institutions"][1]
    source = InstitutionPage.objects.get(locale__language_code="ky", registry_code=record["code"])
    for language in ("ky", "ru", "en"):
        page = source.get_translation(_locale(language))
        assert page.title == record["name"][language]
        assert page.region.locale.language_code == language
        html = client.get(page.url).content.decode()
        assert f'<html lang="{language}">' in html
        assert record["founding_history"][language].split(".")[0] in html
        assert response_context_page(client, page) == page.pk


def response_context_page(client, page):
    return client.get(page.url).context["page"].pk


@pytest.mark.django_db
def test_demo_institutions_render_with_their_disclosures(client, django_capture_on_commit_callbacks):
    load(3, django_capture_on_commit_callbacks)
    for institution in InstitutionPage.objects.live():
        response = client.get(institution.url)
        assert response.status_code == 200
        assert institution.title in response.content.decode()
        assert ProgrammePage.objects.child_of(institution).live().exists()
    # Wagtail's search and reference indexes are written at the end of the load (demo.deferred).
    school = InstitutionPage.objects.filter(locale__language_code="ky").first()
    assert school in InstitutionPage.objects.live().search(school.registry_code)
    assert ReferenceIndex.get_references_to(school.logo).exists()


def test_fixture_covers_every_region_type_ownership_and_completeness():
    institutions = json.loads(FIXTURE.read_text(encoding="utf-8"))["institutions"]
    assert len(institutions) >= 60
    assert {i["region"] for i in institutions} >= {
        "batken", "jalal-abad", "issyk-kul", "naryn", "osh-region", "talas", "chuy", "bishkek", "osh-city"
    }
    assert {i["type"] for i in institutions} == {
        "general-school", "gymnasium", "lyceum", "vocational-lyceum", "college", "university"
    }
    assert {i["ownership"] for i in institutions} == {"state", "municipal", "private"}
    assert {i["completeness"] for i in institutions} == {"complete", "partial", "stale", "minimal"}
    assert all(1 <= len(i["programmes"]) <= 6 for i in institutions)


@pytest.mark.django_db
def test_if_empty_skips_a_filled_database(capsys):
    load_demo_data(limit=1)
    call_command("load_demo_data", "--if-empty")
    assert "already loaded" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_pages_are_published_with_a_revision_and_linked_translations(django_capture_on_commit_callbacks):
    load(1, django_capture_on_commit_callbacks)
    source = InstitutionPage.objects.get(locale__language_code="ky")
    pages = [source.get_translation(_locale(language)) for language in ("ky", "ru", "en")]
    programmes = ProgrammePage.objects.filter(translation_key=ProgrammePage.objects.child_of(source).first().translation_key)
    for page in [*pages, *programmes]:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.live_revision.as_object().title == page.title
        assert page.first_published_at and page.last_published_at
    assert {p.locale.language_code for p in programmes} == {"ky", "ru", "en"}
    assert {p.get_parent().specific.locale.language_code for p in programmes} == {"ky", "ru", "en"}
    assert pages[1].licences.count() == source.licences.count()
    assert {page.logo_id for page in pages} == {source.logo_id}


@pytest.mark.django_db
def test_an_editors_later_edit_of_a_demo_page_syncs_to_its_translations(django_capture_on_commit_callbacks):
    load(1, django_capture_on_commit_callbacks)
    source = InstitutionPage.objects.get(locale__language_code="ky")
    source.head_name = "Жаңы жетекчи"
    source.save_revision().publish()
    # What "Sync translated pages" does in the admin: the source is read again, the new string is
    # translated, and each translation is updated and published.
    translation_source = TranslationSource.objects.get(object_id=source.translation_key, locale=source.locale)
    translation_source.update_from_db()
    russian = _locale("ru")
    segment = translation_source.stringsegment_set.get(context__path="head_name")
    StringTranslation.objects.create(
        translation_of=segment.string, locale=russian, context=segment.context, data="Новый руководитель"
    )
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=translation_source, target_locale=russian).save_target(publish=True)
    page = source.get_translation(russian)
    assert page.head_name == "Новый руководитель"
    assert page.title != source.title  # the other fields keep their Russian text
    assert page.live and not page.has_unpublished_changes
