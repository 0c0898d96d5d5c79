"""Schemathesis over every OpenAPI document the project serves: no request it can build is a 5xx.

Each operation of /api/v2/openapi.json and /api/v3/openapi.json gets generated requests
(valid and invalid parameters, bodies and headers), sent through Django's WSGI handler with a
bearer token of a role drawn per example (editor, medical reviewer, publisher, superuser) or
none. Bounded in `make test`; `make fuzz` (FUZZ_PROFILE=long) runs many more examples.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests import fuzz_settings

ROLES = ["anonymous", "editor", "reviewer", "publisher", "admin"]
EXAMPLES_PER_OPERATION = 3 if fuzz_settings.PROFILE == "ci" else 25


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler, keeping the test's database connection open between requests.

    Like Django's test client: the handler otherwise closes the connection after each request,
    which ends the test's transaction on PostgreSQL.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def v2_schema(wsgi_app, one_section_article):
    return schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_app)


@pytest.fixture
def v3_schema(wsgi_app, one_section_article):
    return schemathesis.openapi.from_wsgi("/api/v3/openapi.json", wsgi_app)


@pytest.fixture
def tokens(users):
    from wagtail.models import APIToken

    made = {"anonymous": None}
    for role in ROLES[1:]:
        made[role] = APIToken.create_token(user=users[role], name=f"{role} fuzz")[1]
    return made


def call(case, tokens, role):
    headers = {"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {}
    response = case.call(headers=headers)
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert response.headers.get("content-type", [""])[0].startswith(
            ("application/json", "application/problem+json")
        ), (case.method, case.formatted_path, response.status_code, response.text[:200])


v2 = schemathesis.pytest.from_fixture("v2_schema")
v3 = schemathesis.pytest.from_fixture("v3_schema")


@pytest.mark.django_db
@v2.parametrize()
@v2.given(role=st.sampled_from(ROLES))
@fuzz_settings.settings(max_examples=EXAMPLES_PER_OPERATION)
def test_v2_openapi_operations(case, tokens, role):
    call(case, tokens, role)


@pytest.mark.django_db
@v3.parametrize()
@v3.given(role=st.sampled_from(ROLES))
@fuzz_settings.settings(max_examples=EXAMPLES_PER_OPERATION)
def test_v3_openapi_operations(case, tokens, role):
    call(case, tokens, role)
