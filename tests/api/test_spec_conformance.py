"""schemathesis over both specs, in-process through the WSGI app: a few derandomised examples
per operation, signed in (an admin for the staff API, a parent for the mini-program's), and
every answer checked against the spec: no server error, a declared status, content type,
headers and body schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.specs import MP_SPEC, STAFF_SPEC, served_specs

EXAMPLES = 3  # per operation: bounded, so the run fits the suite's budget
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
pytestmark = pytest.mark.spec_conformance


def _schema(spec):
    """schemathesis's schema of `spec`, generating valid requests only."""
    schema = schemathesis.openapi.from_dict(spec)
    schema.config.generation.update(
        modes=["positive"],
        max_examples=EXAMPLES,
        no_shrink=True,
        deterministic=True,
        with_security_parameters=False,
    )
    schema.config.phases.update(phases=["fuzzing"])
    return schema


SPECS = served_specs()
mp = _schema(SPECS[MP_SPEC])
staff = _schema(SPECS[STAFF_SPEC])
RUN = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@mp.parametrize()
@RUN
def test_the_mini_program_api_answers_as_its_spec_says(case, app, parent):
    bearer = {"Authorization": f"Bearer {parent.token}"}
    case.call_and_validate(app=app, headers=bearer, checks=CHECKS)


@staff.parametrize()
@RUN
def test_the_staff_api_answers_as_its_spec_says(case, app, admin):
    bearer = {"Authorization": f"Bearer {admin.token}"}
    case.call_and_validate(app=app, headers=bearer, checks=CHECKS)
