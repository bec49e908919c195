"""Licence issuers are translated with the profile, not copied: the Russian and English pages name the
ministry in their own language, and a later change to the Kyrgyz row keeps the translation."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from demo.loader import load_demo_data
from institutions.models import InstitutionPage, ProgrammePage

ISSUER = {
    "ky": "Кыргыз Республикасынын Билим берүү жана илим министрлиги",
    "ru": "Министерство образования и науки Кыргызской Республики",
    "en": "Ministry of Education and Science of the Kyrgyz Republic",
}


@pytest.fixture
def translated_site(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_data(limit=1)
    return InstitutionPage.objects.get(locale__language_code="ky")


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_profile_names_the_issuer_in_its_language(client, translated_site, language):
    page = translated_site.get_translation(Locale.objects.get(language_code=language))
    html = client.get(page.url).content.decode()
    assert ISSUER[language] in html
    for other, name in ISSUER.items():
        if other != language:
            assert name not in html, (language, other)


def test_a_changed_licence_keeps_its_translated_issuer(client, translated_site, django_capture_on_commit_callbacks):
    ru_locale = Locale.objects.get(language_code="ru")
    ru_before = translated_site.get_translation(ru_locale).licences.get()
    licence = translated_site.licences.get()
    licence.number = "LS-2026-001"
    licence.save()
    source = TranslationSource.objects.get(object_id=translated_site.translation_key, locale=translated_site.locale)
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(ru_locale, publish=True, fallback=True)

    ru = translated_site.get_translation(ru_locale)
    ru_licence = ru.licences.get()
    assert (ru_licence.pk, ru_licence.translation_key) == (ru_before.pk, licence.translation_key)
    assert (ru_licence.number, ru_licence.issuer) == ("LS-2026-001", ISSUER["ru"])
    assert "LS-2026-001" in client.get(ru.url).content.decode()


def test_a_translated_programme_keeps_its_licence(client, translated_site):
    programme = ProgrammePage.objects.filter(locale__language_code="en", licence__isnull=False).first()
    assert programme is not None
    licence = programme.licence
    assert licence.translation_key in {row.translation_key for row in translated_site.licences.all()}
    assert licence.number in client.get(programme.url).content.decode()
