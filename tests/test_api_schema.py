"""The API answers as its own OpenAPI schema says (schemathesis, a few generated requests per operation)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

# The schema is read once, through WSGI, when the module is collected (it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, world):
    # Filter values (region, district, type… slugs) come from the database, so the schema cannot list
    # them; an unknown value is a 400 with the reason, which this check would count as a rejected
    # schema-valid request. Every other check runs, including that invalid requests are rejected.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
