"""Plain words: the glossary page, its terms on profiles, decisions and the register as accessible
disclosures, and status badges that say what they mean for a learner."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from accreditation.status import MEANINGS, AccreditationStatus
from core import memo
from glossary import lookup
from glossary.models import GlossaryTerm
from glossary.seed import load_glossary
from glossary.terms import TERMS
from roles.groups import ensure_ministry_group

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import InstitutionPageFactory

LANGUAGES = ("ky", "ru", "en")
REQUIRED = {
    "accreditation",
    "accredited",
    "accredited-with-conditions",
    "accreditation-refused",
    "accreditation-expired",
    "not-accredited-yet",
    "remediation",
    "self-assessment",
    "criterion-1-6",
    "criterion-4-3",
    "criterion-4-4",
    "licence",
    "qualification",
    "transparency-score",
}


@pytest.fixture
def glossary(db):
    load_glossary()


def test_the_seed_has_every_required_term_in_three_languages_and_loads_once(glossary):
    assert REQUIRED <= {slug for slug, _texts in TERMS}
    for language in LANGUAGES:
        assert (
            set(GlossaryTerm.objects.filter(locale__language_code=language).values_list("slug", flat=True)) >= REQUIRED
        )
    # Each term's language versions share one translation key (wagtail-localize can sync them).
    accreditation = GlossaryTerm.objects.filter(slug="accreditation")
    assert accreditation.count() == 3 and len({t.translation_key for t in accreditation}) == 1
    edited = GlossaryTerm.objects.get(slug="licence", locale__language_code="ru")
    edited.explanation = "Изменено редактором."
    edited.save()
    load_glossary()
    assert GlossaryTerm.objects.count() == len(TERMS) * 3
    assert GlossaryTerm.objects.get(pk=edited.pk).explanation == "Изменено редактором."


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_page_lists_every_term_in_its_language(client, glossary, language):
    with translation.override(language):
        url = reverse("glossary")
    html = client.get(url).content.decode()
    for slug, texts in TERMS:
        term, explanation = texts[language]
        assert f'id="term-{slug}"' in html
        assert explanation.replace("'", "&#x27;").replace("“", "“") in html.replace("&quot;", '"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_profile_terms_are_disclosures_linking_the_glossary(client, glossary, directory, language):
    institution = InstitutionPageFactory(parent=directory)
    if language != "ky":
        institution = institution.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
        institution.save_revision().publish()
    html = client.get(institution.url).content.decode()
    with translation.override(language):
        glossary_url = reverse("glossary")
    for slug in (
        "transparency-score",
        "criterion-1-6",
        "criterion-4-3",
        "criterion-4-4",
        "licence",
        "not-accredited-yet",
    ):
        term, explanation = dict(TERMS)[slug][language]
        assert f'<details class="glossary-term"><summary>{term}' in html, slug
        assert f'{glossary_url}#term-{slug}"' in html
    # The badge says what the status means for a learner, in the page's language.
    with translation.override(language):
        assert str(MEANINGS[AccreditationStatus.NONE]) in html
    assert "<script>" not in html and " style=" not in html


def test_decisions_and_the_register_carry_the_terms(client, glossary, home, directory):
    register = DecisionIndexPageFactory(parent=home)
    institution = InstitutionPageFactory(parent=directory)
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, shortcomings="<p>Китеп жок.</p>"
    )
    for url in (register.url, decision.url):
        html = client.get(url).content.decode()
        assert '<details class="glossary-term"><summary>Аккредитация' in html, url
        assert '#term-remediation"' in html, url


@pytest.mark.parametrize("code", AccreditationStatus.values)
def test_every_status_has_a_one_sentence_meaning_in_three_languages(code):
    meanings = {}
    for language in LANGUAGES:
        with translation.override(language):
            meanings[language] = str(MEANINGS[AccreditationStatus(code)])
        assert meanings[language].count(".") == 1 and meanings[language].endswith(".")
    assert len(set(meanings.values())) == 3, meanings


def test_a_missing_term_renders_nothing_and_a_missing_translation_falls_back(client, glossary, directory):
    GlossaryTerm.objects.filter(slug="licence", locale__language_code="en").delete()
    GlossaryTerm.objects.filter(slug="qualification").delete()
    with translation.override("en"):
        html = client.get(reverse("glossary")).content.decode()
    assert "Лицензия" in html  # the Kyrgyz term stands in
    assert "term-qualification" not in html


def test_the_ministry_edits_the_glossary(db):
    group = ensure_ministry_group()
    codenames = set(group.permissions.filter(content_type__app_label="glossary").values_list("codename", flat=True))
    assert {"add_glossaryterm", "change_glossaryterm", "view_glossaryterm"} <= codenames


def test_a_page_full_of_terms_reads_the_glossary_once(glossary, django_assert_max_num_queries):
    memo.start()  # as Django's request_started does: the terms are kept for the request and the version
    try:
        with translation.override("ru"):
            with django_assert_max_num_queries(5):  # the content version, the locales and the two languages' terms
                first = lookup.term("licence")
            with django_assert_max_num_queries(0):
                others = [lookup.term(slug) for slug in sorted(REQUIRED)]
        assert first.locale.language_code == "ru" and all(others)
        assert lookup.term("no-such-term") is None
    finally:
        memo.end()
