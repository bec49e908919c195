"""Accreditation status as a search facet and filter: both engines, the same answers, right at the expiry day."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.http import QueryDict

from accreditation.models import AccreditationDecisionPage as Decision
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.query import parse_query
from search.vocabulary import vocabulary_for

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .conftest import locale_of
from .factories import InstitutionPageFactory


@pytest.fixture
def accredited_world(home, directory, django_capture_on_commit_callbacks):
    today = date.today()
    register = DecisionIndexPageFactory(parent=home)
    make = lambda title: InstitutionPageFactory(parent=directory, title=title)  # noqa: E731
    pages = {name: make(title) for name, title in [
        ("valid", "Аккредитацияланган колледж"), ("last_day", "Акыркы күн лицейи"),
        ("conditional", "Шарттуу мектеп"), ("refused", "Баш тартылган колледж"),
        ("expired", "Мөөнөтү өткөн мектеп"), ("none", "Жаңы мектеп"),
    ]}  # fmt: skip

    def decide(name, outcome, until, decided=today - timedelta(days=400)):
        decision = AccreditationDecisionPageFactory(
            parent=register,
            institution=pages[name],
            outcome=outcome,
            decision_date=decided,
            valid_from=decided,
            valid_until=until,
        )
        decision.save_revision().publish()

    decide("valid", Decision.Outcome.ACCREDITED, today + timedelta(days=900))
    decide("last_day", Decision.Outcome.ACCREDITED, today)  # the expiry day still counts
    decide("conditional", Decision.Outcome.CONDITIONAL, today + timedelta(days=100))
    decide("refused", Decision.Outcome.REFUSED, None)
    decide("expired", Decision.Outcome.ACCREDITED, today - timedelta(days=1))
    # An older refusal is overridden by the newer accreditation.
    decide("valid", Decision.Outcome.REFUSED, None, decided=today - timedelta(days=800))
    return pages


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, accredited_world):
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)
        return ElasticsearchEngine()
    return DatabaseEngine()


def ask(engine, qs):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    return engine.search(parse_query(QueryDict(qs), vocabulary.known_values()), locale, vocabulary)


def test_status_facet_counts(engine):
    result = ask(engine, "")
    counts = {v.value: v.count for v in result.facets["status"]}
    assert counts == {"accredited": 2, "conditional": 1, "refused": 1, "expired": 1, "none": 1}


@pytest.mark.parametrize(
    "code, expected",
    [
        ("accredited", {"valid", "last_day"}),
        ("conditional", {"conditional"}),
        ("refused", {"refused"}),
        ("expired", {"expired"}),
        ("none", {"none"}),
    ],
)
def test_status_filter(engine, accredited_world, code, expected):
    result = ask(engine, f"status={code}")
    assert {hit.page.pk for hit in result.hits} == {accredited_world[name].pk for name in expected}
    assert [v.selected for v in result.facets["status"]] == [True]


def test_status_filter_with_words(engine, accredited_world):
    result = ask(engine, "q=колледж&status=accredited")
    assert [hit.page.pk for hit in result.hits] == [accredited_world["valid"].pk]


def test_status_filter_with_words_found_only_in_the_text(engine, accredited_world):
    """Words no name contains go to the full-text search, which must take the status filter too."""
    mission = "<p>Биз кесиптик чеберчиликти өнүктүрөбүз.</p>"
    for name in ("valid", "refused"):
        accredited_world[name].mission = mission
        accredited_world[name].save_revision().publish()
    if isinstance(engine, ElasticsearchEngine):
        call_command("rebuild_search_index", verbosity=0)
    result = ask(engine, "q=чеберчиликти&status=accredited")
    assert [hit.page.pk for hit in result.hits] == [accredited_world["valid"].pk]


def test_unknown_status_is_dropped_with_a_note(accredited_world):
    vocabulary = vocabulary_for(locale_of("ky"))
    query = parse_query(QueryDict("status=forever"), vocabulary.known_values())
    assert "status" not in query.filters and query.notes


def test_a_new_decision_reaches_the_index(accredited_world, elasticsearch, home):
    call_command("rebuild_search_index", verbosity=0)
    engine = ElasticsearchEngine()
    assert [h.page.pk for h in ask(engine, "status=none").hits] == [accredited_world["none"].pk]
    register = (
        accredited_world["valid"]
        .get_parent()
        .get_parent()
        .get_children()
        .type(DecisionIndexPageFactory._meta.model)
        .first()
    )
    decision = AccreditationDecisionPageFactory(
        parent=register,
        institution=accredited_world["none"],
        outcome=Decision.Outcome.CONDITIONAL,
        decision_date=date.today(),
        valid_from=date.today(),
        valid_until=date.today() + timedelta(days=365),
    )
    decision.save_revision().publish()
    assert ask(engine, "status=none").hits == []
    assert accredited_world["none"].pk in {h.page.pk for h in ask(engine, "status=conditional").hits}
    decision.unpublish()
    assert [h.page.pk for h in ask(engine, "status=none").hits] == [accredited_world["none"].pk]


def test_the_directory_offers_the_status_facet(client, accredited_world):
    html = client.get(accredited_world["valid"].get_parent().url).content.decode()
    assert "status=accredited" in html and "status=expired" in html


def test_a_decision_in_a_private_section_does_not_decide_the_public_status(client, engine, accredited_world):
    """The newest decision about "valid" is put behind a login: its public status is then decided
    by its older public refusal, in both engines, on the profile and in the directory; lifting the
    restriction brings the accreditation back."""
    from wagtail.models import PageViewRestriction

    valid = accredited_world["valid"]
    newest = Decision.objects.filter(institution=valid).order_by("-decision_date").first()
    restriction = PageViewRestriction.objects.create(page=newest, restriction_type=PageViewRestriction.LOGIN)

    def found(status):
        return {hit.page.title for hit in ask(engine, f"status={status}").hits}

    assert valid.title in found("refused") and valid.title not in found("accredited")
    profile = client.get(valid.url).content.decode()
    assert "status--refused" in profile and "status--accredited" not in profile
    assert newest.url not in profile  # the timeline does not link a page the public cannot open

    restriction.delete()
    assert valid.title in found("accredited") and valid.title not in found("refused")
    assert "status--accredited" in client.get(valid.url).content.decode()
