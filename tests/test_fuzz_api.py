"""Schemathesis over the whole OpenAPI: every operation, every phase schemathesis runs from pytest (examples,
coverage, fuzzing, and the stateful phase), each generated request sent with every role's token — and no answer is
a server error.

The stateful phase chains calls through the schema's links (schemathesis infers them from the response schemas
and path parameters: POST /participants/ → GET or PATCH /participants/{participant_id}, and so on); each scenario
runs as one role, so a writer's scenario creates records and then reads, moves and edits them.

The schema is the one the API serves at /api/v1/openapi.json (read from the router, since that URL needs a
signed-in caller); requests go through the real Django WSGI stack with the test database. The number of
fuzzed examples per operation is HZ_FUZZ_EXAMPLES (default 3, so the run stays within minutes on a small
machine); CI raises it in the separate `fuzz` run on PostgreSQL.
"""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings, strategies
from hypothesis.stateful import initialize

from hizdamnut.api.api import api
from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import NATIONWIDE_ROLES, Role
from hizdamnut.participants.tests.factories import ParticipantFactory

# 103 operations, about 4,900 cases, and the stateful phase (40 drawn scenarios: some 60 run with Hypothesis's
# replays, about 420 steps of which 120 follow a link): 3.5 minutes on PostgreSQL on a quiet 2-core machine, over 6
# on a busy one — too slow for every run, so it runs when HZ_FUZZ=1 (`.ci/run` does, once, on PostgreSQL:
# `pytest -m fuzz`). HZ_FUZZ_SCENARIOS and HZ_FUZZ_STEPS (default 10 calls a scenario) size the stateful phase.
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz,
              pytest.mark.skipif(os.environ.get("HZ_FUZZ") != "1", reason="set HZ_FUZZ=1 to fuzz the API")]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
if os.environ.get("HZ_FUZZ_ONLY"):  # a regular expression of paths, to fuzz a few operations while debugging
    schema = schema.include(path_regex=os.environ["HZ_FUZZ_ONLY"])
schema.app = get_wsgi_application()
TALLY = Counter()
STATEFUL = Counter()
ROLES = sorted(Role)


@pytest.fixture(scope="module", autouse=True)
def summary():
    """Prints (and writes to artifacts/fuzz-summary.json) how many operations and cases were fuzzed."""
    yield
    if TALLY or STATEFUL:
        figures = {"operations": max(len(TALLY) - 1, 0), "cases": TALLY["cases"],
                   "per_operation": {k: v for k, v in TALLY.items() if k != "cases"}}
        if STATEFUL:
            figures["stateful"] = {"links": STATEFUL["links"], "scenarios": STATEFUL["scenarios"],
                                   "steps": STATEFUL["steps"], "linked_steps": STATEFUL["linked_steps"]}
        Path("artifacts").mkdir(exist_ok=True)
        Path("artifacts/fuzz-summary.json").write_text(json.dumps(figures, indent=1))
        print(f"\nfuzzed {figures['operations']} operations, {figures['cases']} cases")
        if STATEFUL:
            print(f"stateful: {STATEFUL['scenarios']} scenarios, {STATEFUL['steps']} steps "
                  f"({STATEFUL['linked_steps']} following a link) over {STATEFUL['links']} links")


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Schemathesis calls the WSGI app directly; like Django's test client, keep the end of each request from
    closing the test's database connection (on PostgreSQL it would close the open test transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(staff, center, other_center):
    """A bearer token for every role, and a participant in each center so ids point somewhere."""
    ParticipantFactory(center=center)
    ParticipantFactory(center=other_center)
    keys = {}
    for role in Role:
        user = staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"fuzz_{role}")
        keys[role] = ApiToken.issue(user)[1]
    return keys


@schema.parametrize()
@settings(max_examples=int(os.environ.get("HZ_FUZZ_EXAMPLES", "3")), deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case, tokens):
    # Each generated case goes out with the next role's token in turn, so every role meets every operation
    # without multiplying the run by eight.
    TALLY["cases"] += 1
    TALLY[case.operation.label] += 1
    role = ROLES[TALLY["cases"] % len(ROLES)]
    response = case.call(headers={"Authorization": f"Bearer {tokens[role]}"})
    assert response.status_code < 500, (
        f"{role}: {case.method} {case.formatted_path} {case.query or ''} {case.body!r} → {response.status_code}"
    )


@pytest.mark.skipif(bool(os.environ.get("HZ_FUZZ_ONLY")), reason="fuzzing a part of the API")
def test_the_fuzzed_schema_covers_every_operation():
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())


# The create → read / edit pairs of the main resources that the stateful phase must be able to chain.
MAIN_LINKS = [
    ("POST /api/v1/participants/", "GET /api/v1/participants/{participant_id}"),
    ("POST /api/v1/participants/", "PATCH /api/v1/participants/{participant_id}"),
    ("POST /api/v1/inquiries/", "GET /api/v1/inquiries/{inquiry_id}"),
    ("POST /api/v1/inquiries/", "POST /api/v1/inquiries/{inquiry_id}/status"),
    ("POST /api/v1/intake/referrals", "PATCH /api/v1/intake/referrals/{referral_id}"),
    ("POST /api/v1/employers/", "GET /api/v1/employers/{employer_id}"),
    ("POST /api/v1/employers/openings", "PUT /api/v1/employers/openings/{opening_id}"),
    ("POST /api/v1/employers/openings/{opening_id}/candidates",
     "POST /api/v1/employers/candidates/{candidacy_id}/move"),
    ("POST /api/v1/training/applications", "POST /api/v1/training/applications/{application_id}/move"),
    ("POST /api/v1/placements/", "POST /api/v1/placements/{placement_id}/end"),
]


def linked_pairs(machine):
    """(source label, target label) of every link the state machine follows."""
    pairs = set()
    for target, transitions in machine._transitions.operations.items():
        for link in transitions.incoming:
            pairs.add((link.source.label, target))
    return pairs


@pytest.mark.skipif(bool(os.environ.get("HZ_FUZZ_ONLY")), reason="fuzzing a part of the API")
def test_the_stateful_phase_chains_the_main_resources():
    pairs = linked_pairs(schema.as_state_machine())
    missing = [pair for pair in MAIN_LINKS if pair not in pairs]
    assert not missing, f"no link for {missing}: add one (schema.add_link) so the stateful phase reaches them"


def test_no_sequence_of_calls_answers_with_a_server_error(tokens):
    """The stateful phase: scenarios of linked calls (create, then read, move and edit what was created)."""
    base = schema.as_state_machine()
    STATEFUL["links"] = len(linked_pairs(base))

    class Scenario(base):
        # Each scenario starts from the same database (its writes are rolled back at the end) and draws its role,
        # so Hypothesis can replay and shrink a scenario: the same draws give the same calls and answers.
        role = ROLES[0]

        def setup(self):
            STATEFUL["scenarios"] += 1
            self._scenario = transaction.atomic()
            self._scenario.__enter__()

        @initialize(role=strategies.sampled_from(ROLES))
        def sign_in_as(self, role):
            self.role = role

        def teardown(self):
            transaction.set_rollback(True)
            self._scenario.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {tokens[self.role]}"}}

        def step(self, input):
            STATEFUL["steps"] += 1
            STATEFUL["linked_steps"] += input.transition is not None
            return super().step(input)

        def validate_response(self, response, case, **kwargs):
            assert response.status_code < 500, (
                f"{self.role}: {case.method} {case.formatted_path} {case.query or ''} {case.body!r} "
                f"→ {response.status_code}")

    Scenario.run(settings=settings(
        max_examples=int(os.environ.get("HZ_FUZZ_SCENARIOS", "40")),
        stateful_step_count=int(os.environ.get("HZ_FUZZ_STEPS", "10")),
        deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
    ))
