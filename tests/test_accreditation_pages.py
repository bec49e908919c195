"""Decision and ministry document pages: where they may be created, how they render, and the
status badge and decision timeline on profiles and in the directory."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
)
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from pages.models import HomePage

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
    make_document,
)
from .factories import InstitutionPageFactory, ProgrammePageFactory

Outcome = AccreditationDecisionPage.Outcome


class PageTypes(WagtailPageTestCase):
    def test_decisions_only_under_their_register(self):
        self.assertCanCreateAt(HomePage, DecisionIndexPage)
        self.assertCanCreateAt(DecisionIndexPage, AccreditationDecisionPage)
        self.assertCanNotCreateAt(HomePage, AccreditationDecisionPage)
        self.assertCanNotCreateAt(InstitutionIndexPage, AccreditationDecisionPage)
        self.assertCanNotCreateAt(InstitutionPage, AccreditationDecisionPage)
        self.assertCanNotCreateAt(DecisionIndexPage, InstitutionPage)
        self.assertAllowedParentPageTypes(AccreditationDecisionPage, {DecisionIndexPage})

    def test_ministry_documents_only_under_their_index(self):
        self.assertCanCreateAt(HomePage, MinistryDocumentIndexPage)
        self.assertCanCreateAt(MinistryDocumentIndexPage, MinistryDocumentPage)
        self.assertCanNotCreateAt(HomePage, MinistryDocumentPage)
        self.assertCanNotCreateAt(InstitutionPage, MinistryDocumentPage)
        self.assertCanNotCreateAt(ProgrammePage, MinistryDocumentPage)
        self.assertAllowedSubpageTypes(MinistryDocumentPage, set())


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


def test_profile_shows_status_until_and_timeline_newest_first(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    conclusion = make_document("korutunduu.pdf", title="Эксперттик комиссиянын корутундусу")
    old = AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        number="11/A",
        outcome=Outcome.CONDITIONAL,
        decision_date=date(2019, 3, 1),
        valid_until=date(2021, 3, 1),
    )
    new = AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        number="99/B",
        conclusion=conclusion,
        decision_date=date.today() - timedelta(days=20),
        valid_until=date(2031, 5, 31),
    )
    html = client.get(institution.url).content.decode()
    assert 'class="status status--accredited"' in html
    assert 'datetime="2031-05-31"' in html
    assert html.index("99/B") < html.index("11/A")
    assert new.url in html and old.url in html
    assert conclusion.url in html
    assert 'type="application/atom+xml"' in html and f"/feeds/decisions/institution/{institution.pk}/" in html


def test_profile_says_when_there_is_no_decision(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    html = client.get(institution.url).content.decode()
    assert 'class="status status--none"' in html


def profile_queries(client, url):
    # The first view after a publish rereads what every page shares for that content version (site
    # root paths, restricted paths, glossary; core.memo); the count compared is the one after that.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_profile_query_count_does_not_grow_with_decisions(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    AccreditationDecisionPageFactory(parent=register, institution=institution, conclusion=make_document())
    one = profile_queries(client, institution.url)
    for n in range(5):
        AccreditationDecisionPageFactory(
            parent=register,
            institution=institution,
            conclusion=make_document(f"c{n}.pdf"),
            decision_date=date(2015 + n, 1, 1),
            valid_until=date(2020 + n, 1, 1),
        )
    assert profile_queries(client, institution.url) == one


def test_directory_rows_show_each_status(client, directory, register):
    accredited = InstitutionPageFactory(parent=directory, title="Биринчи мектеп")
    refused = InstitutionPageFactory(parent=directory, title="Экинчи мектеп")
    InstitutionPageFactory(parent=directory, title="Үчүнчү мектеп")
    AccreditationDecisionPageFactory(parent=register, institution=accredited)
    AccreditationDecisionPageFactory(
        parent=register, institution=refused, outcome=Outcome.REFUSED, valid_from=None, valid_until=None
    )
    html = client.get(directory.url).content.decode()
    assert html.count('class="status status--accredited"') == 1
    assert html.count('class="status status--refused"') == 1
    assert html.count('class="status status--none"') == 1


def test_decision_page_renders(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, shortcomings="<p>Китепкана эски.</p>"
    )
    response = client.get(decision.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Китепкана эски." in html
    assert institution.url in html


def test_ministry_documents_render_with_files(client, home):
    index = MinistryDocumentIndexPageFactory(parent=home)
    document = MinistryDocumentPageFactory(parent=index, title="Аккредитациялоо маселелери жөнүндө", number="1482/1")
    from accreditation.models import MinistryDocumentFile

    file = make_document("order.pdf", title="Буйруктун көчүрмөсү")
    MinistryDocumentFile.objects.create(page=document, document=file, sort_order=0)
    html = client.get(document.url).content.decode()
    assert "1482/1" in html and file.url in html
    listing = client.get(index.url).content.decode()
    assert document.url in listing
    assert "/feeds/documents/" in listing


def test_home_lists_latest_decisions_and_documents(client, directory, register, home):
    institution = InstitutionPageFactory(parent=directory, title="Акыркы чечим алган мектеп")
    for n in range(7):
        AccreditationDecisionPageFactory(
            parent=register, institution=institution, number=f"N{n}", decision_date=date(2020, 1, 1 + n)
        )
    index = MinistryDocumentIndexPageFactory(parent=home)
    order = MinistryDocumentPageFactory(parent=index, number="1482/1")
    html = client.get(home.url).content.decode()
    assert html.count(institution.title) == 5
    assert order.url in html
    assert register.url in html


def test_admin_forms_open(client, django_user_model, directory, register, home):
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("ministry", "m@example.kg", "pw"))
    documents = MinistryDocumentIndexPageFactory(parent=home)
    order = MinistryDocumentPageFactory(parent=documents)
    decision = AccreditationDecisionPageFactory(parent=register, institution=InstitutionPageFactory(parent=directory))
    for page in (register, documents, order, decision):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    for model, parent in (("accreditationdecisionpage", register), ("ministrydocumentpage", documents)):
        assert (
            client.get(reverse("wagtailadmin_pages:add", args=["accreditation", model, parent.pk])).status_code == 200
        )
    assert client.get(reverse("accreditation_remediation")).status_code == 200


Kind = AccreditationDecisionPage.Kind


def programme_facts(html):
    """The text of the programme page's "Accreditation" fact."""
    with translation.override("ky"):
        label = gettext("Accreditation")
    cell = html.split(f"<dt>{label}</dt><dd>")[1].split("</dd>")[0]
    return " ".join(strip_tags(cell).split()), cell


def test_programme_page_says_when_it_has_no_accreditation(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=institution)
    AccreditationDecisionPageFactory(parent=register, institution=institution)  # institutional only
    text, _cell = programme_facts(client.get(programme.url).content.decode())
    with translation.override("ky"):
        assert text == gettext("No programme accreditation yet.")


def test_programme_page_shows_its_latest_programme_decision(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    programme, other = ProgrammePageFactory(parent=institution), ProgrammePageFactory(parent=institution)

    def programme_decision(programmes, **kwargs):
        decision = AccreditationDecisionPageFactory(
            parent=register, institution=institution, kind=Kind.PROGRAMME, **kwargs
        )
        decision.programmes = programmes
        decision.save()
        return decision

    programme_decision([programme], number="1/P", decision_date=date(2020, 3, 1), valid_until=date(2025, 3, 1))
    latest = programme_decision(
        [programme, other],
        number="2/P",
        outcome=Outcome.CONDITIONAL,
        decision_date=date(2024, 9, 1),
        valid_until=date(2031, 9, 1),
    )
    programme_decision(
        [other],
        number="3/P",
        outcome=Outcome.REFUSED,
        decision_date=date(2025, 1, 1),
        valid_from=None,
        valid_until=None,
    )
    AccreditationDecisionPageFactory(
        parent=register, institution=institution, number="4/I", decision_date=date(2025, 2, 1)
    )
    text, cell = programme_facts(client.get(programme.url).content.decode())
    assert 'class="status status--conditional"' in cell
    assert text.startswith("Шарттар менен аккредитацияланган 2031-жылдын 1-сентябры чейин")
    assert "2/P" in text and "2024-жылдын 1-сентябры" in text
    assert f'href="{latest.url}"' in cell


def test_programme_page_reads_the_source_decision_and_links_its_translation(client, directory, register):
    russian = Locale.objects.get(language_code="ru")
    institution = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=institution)
    institution.copy_for_translation(russian, copy_parents=True).save_revision().publish()
    programme_ru = programme.copy_for_translation(russian)
    programme_ru.save_revision().publish()
    decision = AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        kind=Kind.PROGRAMME,
        decision_date=date(2024, 9, 1),
        valid_until=date(2031, 9, 1),
    )
    decision.programmes = [programme]
    decision.save()
    decision_ru = decision.copy_for_translation(russian, copy_parents=True)
    decision_ru.outcome, decision_ru.valid_from, decision_ru.valid_until = Outcome.REFUSED, None, None  # lagging
    decision_ru.save_revision().publish()
    programme_ru.refresh_from_db()
    html = client.get(programme_ru.url).content.decode()
    cell = html.split('<dd><p class="status')[1].split("</dd>")[0]
    assert cell.startswith(' status--accredited"') and 'datetime="2031-09-01"' in cell
    assert f'href="{decision_ru.url}"' in cell


def test_programme_page_query_count_does_not_grow_with_decisions(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=institution)

    def decide(n):
        decision = AccreditationDecisionPageFactory(
            parent=register,
            institution=institution,
            kind=Kind.PROGRAMME,
            decision_date=date(2015 + n, 1, 1),
            valid_until=date(2030 + n, 1, 1),
        )
        decision.programmes = [programme]
        decision.save()

    none = profile_queries(client, programme.url)
    decide(0)
    one = profile_queries(client, programme.url)
    for n in range(1, 5):
        decide(n)
    assert profile_queries(client, programme.url) == one == none


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_conclusions_link_follows_the_page_language_not_the_documents_stored_title(
    client, directory, register, language
):
    institution = InstitutionPageFactory(parent=directory)
    conclusion = make_document("korutunduu.pdf", title="Эксперттик комиссиянын корутундусу: №1 мектеп")
    decision = AccreditationDecisionPageFactory(parent=register, institution=institution, conclusion=conclusion)
    if language != "ky":
        locale = Locale.objects.get(language_code=language)
        institution.copy_for_translation(locale, copy_parents=True).save_revision().publish()
        decision = decision.copy_for_translation(locale, copy_parents=True)
        decision.save_revision().publish()
    html = client.get(decision.url).content.decode()
    with translation.override(language):
        label = gettext("Download the conclusion")
    assert f'<a href="{conclusion.url}">{label}</a>' in html
    assert conclusion.title not in html
