"""The API answers as its own OpenAPI schema says (schemathesis, a few generated requests per operation)."""

from datetime import date, timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accreditation.models import AccreditationDecisionPage

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory, make_document

# The schema is read once, through WSGI, when the module is collected (it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# Every operation the API must offer; one missing from the schema (or one added without a test
# thinking about it) fails test_the_schema_has_every_operation.
OPERATIONS = {
    "GET /api/v1/institutions",
    "GET /api/v1/institutions/{institution_id}",
    "GET /api/v1/programmes",
    "GET /api/v1/decisions",
    "GET /api/v1/decisions/{decision_id}",
    "GET /api/v1/regions",
    "GET /api/v1/districts",
}


@pytest.fixture
def connection_kept_open():
    """Requests go through the real WSGI handler, whose request signals close a connection found
    inside a transaction; on PostgreSQL that is the test's own transaction. Django's test client
    disconnects the same handler for the same reason."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def open_data(world, home, connection_kept_open):
    """The search data set plus decisions, so list answers carry decision and status records."""
    register = DecisionIndexPageFactory(parent=home)
    college = world["college"]
    AccreditationDecisionPageFactory(
        parent=register, institution=college, conclusion=make_document(), shortcomings="<p>Китепкана эски.</p>"
    )
    programme = college.get_children().specific().first()
    programme_decision = AccreditationDecisionPageFactory(
        parent=register,
        institution=college,
        kind=AccreditationDecisionPage.Kind.PROGRAMME,
        decision_date=date.today() - timedelta(days=3000),
    )
    programme_decision.programmes = [programme]
    programme_decision.save()
    AccreditationDecisionPageFactory(
        parent=register,
        institution=world["suzak"],
        outcome=AccreditationDecisionPage.Outcome.REFUSED,
        valid_from=None,
        valid_until=None,
    )
    return world


def test_the_schema_has_every_operation():
    assert {operation.ok().label for operation in schema.get_all_operations()} == OPERATIONS


@pytest.mark.django_db
@schema.parametrize()
# Derandomized: the same examples every run, so CI does not turn on a draw it never saw before.
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, open_data):
    # Filter values (region, district, type… slugs) come from the database, so the schema cannot list
    # them; an unknown value is a 400 with the reason, which this check would count as a rejected
    # schema-valid request. Every other check runs, including that invalid requests are rejected.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
