"""The demo loader fills the site, covers every accreditation case in three languages, and can run again
without duplicating anything.

One load of the first nine institutions, then a second one over it, serves the whole module: each test
reads what those two loads left (tests/shared_rows.py), and what a test writes is undone after it."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
    RemediationReport,
)
from accreditation.status import AccreditationStatus, statuses_for
from demo.loader import load_demo_data
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage, StaffStatistic
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, Qualification, Region

from .shared_rows import making_rows, rolled_back_at_the_end

# One worker runs the whole module, so the data are loaded once (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("demo-data")
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "institutions.json"
# Nine: most institutions get a decision, not all, and every outcome and remediation state occurs.
LIMIT = 9


def _locale(code):
    return Locale.objects.get(language_code=code)


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
        "decisions": AccreditationDecisionPage.objects.count(),
        "reports": RemediationReport.objects.count(),
        "documents": MinistryDocumentPage.objects.count(),
        "registers": DecisionIndexPage.objects.count(),
        # A second load over the same fixture publishes nothing again.
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


@pytest.fixture(scope="module")
def loaded_twice(django_db_setup, django_db_blocker):
    """The counts after the first load and after a second load over it."""
    with rolled_back_at_the_end(django_db_blocker):
        with making_rows(django_db_blocker):
            load_demo_data(limit=LIMIT)
            first = counts()
            load_demo_data(limit=LIMIT)
            again = counts()
        yield first, again


@pytest.fixture
def demo_site(loaded_twice, db):
    return loaded_twice


def test_loading_twice_gives_the_same_counts(client, demo_site):
    first, again = demo_site
    assert again == first
    # Every region and district, in each of the three languages.
    assert first["regions"] == 9 * 3
    assert first["districts"] == 44 * 3
    assert first["types"] == 6 * 3
    # Each institution in Kyrgyz, with Russian and English translations.
    assert first["institutions"] == LIMIT * 3
    assert first["images"] == LIMIT
    home = HomePage.objects.get(locale__language_code="ky")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.get("/ky/").status_code == 200


def test_translations_read_in_their_own_language(client, demo_site):
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


def test_demo_institutions_render_with_their_disclosures(client, demo_site):
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
        "batken",
        "jalal-abad",
        "issyk-kul",
        "naryn",
        "osh-region",
        "talas",
        "chuy",
        "bishkek",
        "osh-city",
    }
    assert {i["type"] for i in institutions} == {
        "general-school",
        "gymnasium",
        "lyceum",
        "vocational-lyceum",
        "college",
        "university",
    }
    assert {i["ownership"] for i in institutions} == {"state", "municipal", "private"}
    assert {i["completeness"] for i in institutions} == {"complete", "partial", "stale", "minimal"}
    assert all(1 <= len(i["programmes"]) <= 6 for i in institutions)


def test_if_empty_skips_a_filled_database(demo_site, capsys):
    call_command("load_demo_data", "--if-empty")
    assert "already loaded" in capsys.readouterr().out


@pytest.mark.slow
def test_demo_decisions(client, demo_site):
    first, again = demo_site
    for kind in ("decisions", "reports", "documents", "registers"):
        assert again[kind] == first[kind]

    today = date.today()
    decisions = list(AccreditationDecisionPage.objects.filter(locale__language_code="ky"))
    assert 6 <= len(decisions) < 9  # most institutions, not all
    assert {d.outcome for d in decisions} == set(AccreditationDecisionPage.Outcome.values)
    remediation = {d.remediation_status(today) for d in decisions}
    assert {"pending", "submitted", "overdue"} <= remediation
    assert any(today <= d.valid_until <= today + timedelta(days=90) for d in decisions if d.valid_until)
    institutions = InstitutionPage.objects.filter(locale__language_code="ky")
    codes = {status.code for status in statuses_for(institutions).values()}
    assert {AccreditationStatus.EXPIRED, AccreditationStatus.REFUSED, AccreditationStatus.NONE} <= codes
    assert any(d.evidence_revision_id for d in decisions)

    for language in ("ky", "ru", "en"):
        assert DecisionIndexPage.objects.filter(locale__language_code=language, live=True).exists()
        assert MinistryDocumentIndexPage.objects.filter(locale__language_code=language, live=True).exists()
        order = MinistryDocumentPage.objects.get(locale__language_code=language, number="1482/1")
        translated = AccreditationDecisionPage.objects.filter(locale__language_code=language, live=True).first()
        # A translated decision points at the institution's page in its own language.
        assert translated.institution.locale.language_code == language
        html = client.get(order.url).content.decode()
        assert client.get(translated.url).status_code == 200
        expected = {"ky": "3 айдын ичинде", "ru": "в течение 3 месяцев", "en": "within 3 months"}[language]
        assert expected in html
        home = client.get(f"/{language}/").content.decode()
        assert order.url in home


def test_demo_pages_are_published_with_a_revision_and_linked_translations(demo_site):
    source = InstitutionPage.objects.filter(locale__language_code="ky").exclude(logo=None).order_by("pk").first()
    pages = [source.get_translation(_locale(language)) for language in ("ky", "ru", "en")]
    programmes = ProgrammePage.objects.filter(
        translation_key=ProgrammePage.objects.child_of(source).first().translation_key
    )
    for page in [*pages, *programmes]:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.live_revision.as_object().title == page.title
        assert page.first_published_at and page.last_published_at
    assert {p.locale.language_code for p in programmes} == {"ky", "ru", "en"}
    assert {p.get_parent().specific.locale.language_code for p in programmes} == {"ky", "ru", "en"}
    assert pages[1].licences.count() == source.licences.count()
    assert {page.logo_id for page in pages} == {source.logo_id}


def test_the_translation_editor_shows_a_demo_page_as_translated(client, django_user_model, demo_site):
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))["institutions"][1]
    source = InstitutionPage.objects.get(locale__language_code="ky", registry_code=record["code"])
    russian = source.get_translation(_locale("ru"))
    client.force_login(django_user_model.objects.create_superuser("translator", "t@example.kg", "pw"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[russian.pk]))
    assert response.status_code == 200
    # wagtail-localize's editor, with its props: the source strings and their Russian translations.
    props = json.loads(response.context["props"])
    sources = {segment["id"]: segment["source"] for segment in props["segments"] if segment["type"] == "string"}
    translated = {sources[t["segment_id"]]: t["data"] for t in props["initialStringTranslations"] if not t["error"]}
    assert translated[record["name"]["ky"]] == record["name"]["ru"]
    assert translated[record["head"]["name"]["ky"]] == record["head"]["name"]["ru"]
    assert translated[record["founding_history"]["ky"]] == record["founding_history"]["ru"]


def test_an_editors_later_edit_of_a_demo_page_syncs_to_its_translations(demo_site, django_capture_on_commit_callbacks):
    source = InstitutionPage.objects.filter(locale__language_code="ky").order_by("pk").first()
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
