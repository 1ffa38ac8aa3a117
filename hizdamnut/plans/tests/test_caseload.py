import datetime

import pytest
from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus, Participant
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans import selectors
from hizdamnut.plans.models import Attendance, NoteKind, Task, TaskStatus
from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, MeetingFactory, NoteFactory, TaskFactory


def _at_noon(days_ago):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@pytest.fixture
def worker(staff):
    return staff(Role.SOCIAL_WORKER, username="sw")


def _row(worker, participant):
    return next(row for row in selectors.caseload_of(worker, worker) if row.pk == participant.pk)


@pytest.mark.parametrize("days, flagged", [(29, False), (30, False), (31, True)])
def test_outreach_flag_after_more_than_30_days_without_contact(center, worker, days, flagged):
    participant = ParticipantFactory(center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(days))
    assert _row(worker, participant).needs_outreach is flagged


@pytest.mark.parametrize("days, alert_days, flagged", [(29, 30, False), (30, 30, False), (31, 30, True),
                                                      (14, 14, False), (15, 14, True)])
def test_the_outreach_count_applies_the_same_rule_as_the_flag(center, worker, days, alert_days, flagged):
    center.no_contact_alert_days = alert_days
    center.save()
    contacted = ParticipantFactory(center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
    MeetingFactory(participant=contacted, staff=worker, starts_at=_at_noon(days))
    MeetingFactory(participant=contacted, staff=worker, starts_at=_at_noon(1), attendance=Attendance.NO_SHOW)
    registered = ParticipantFactory(center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
    Participant.objects.filter(pk=registered.pk).update(created_at=_at_noon(days))
    assert [_row(worker, p).needs_outreach for p in (contacted, registered)] == [flagged, flagged]
    assert selectors.caseload(worker, worker).outreach == 2 * flagged


def test_outreach_flag_follows_the_center_setting(center, worker):
    center.no_contact_alert_days = 14
    center.save()
    participant = ParticipantFactory(center=center, case_worker=worker)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(15))
    assert _row(worker, participant).needs_outreach is True


def test_a_no_show_is_not_contact(center, worker):
    participant = ParticipantFactory(center=center, case_worker=worker)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(40))
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(2), attendance=Attendance.NO_SHOW)
    row = _row(worker, participant)
    assert row.needs_outreach is True
    assert timezone.localdate(row.last_contact) == timezone.localdate() - datetime.timedelta(days=40)


def test_without_any_meeting_the_count_starts_at_registration(center, worker):
    participant = ParticipantFactory(center=center, case_worker=worker)
    assert _row(worker, participant).needs_outreach is False
    Participant.objects.filter(pk=participant.pk).update(created_at=_at_noon(31))
    assert _row(worker, participant).needs_outreach is True


def test_caseload_shows_next_meeting_and_overdue_tasks(center, worker):
    participant = ParticipantFactory(center=center, case_worker=worker)
    soon = timezone.now() + datetime.timedelta(days=5)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(3), next_meeting_at=soon)
    plan = CareerPlanFactory(participant=participant)
    TaskFactory(plan=plan, due_date=timezone.localdate() - datetime.timedelta(days=1))
    TaskFactory(plan=plan, due_date=timezone.localdate() - datetime.timedelta(days=1), status="done")
    TaskFactory(plan=plan, due_date=timezone.localdate() + datetime.timedelta(days=1))
    row = _row(worker, participant)
    assert row.next_meeting == soon
    assert row.overdue_tasks == 1


def test_closed_participants_leave_the_caseload(center, worker):
    ParticipantFactory(center=center, case_worker=worker, status=JourneyStatus.CLOSED)
    assert selectors.caseload_of(worker, worker) == []


def test_manager_sees_every_workers_caseload_size_and_overdue_count(client, center, staff, worker, other_center):
    other = staff(Role.COACH, username="coach")
    far = staff(Role.COACH, centers=[other_center], username="far")
    for _ in range(3):
        participant = ParticipantFactory(center=center, case_worker=worker)
    TaskFactory(
        plan=CareerPlanFactory(participant=participant), due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    ParticipantFactory(center=center, case_worker=other)
    ParticipantFactory(center=other_center, case_worker=far)
    manager = staff(Role.MANAGER, username="mgr")
    team = {member.username: member for member in selectors.team_caseloads(manager)}
    assert team["sw"].caseload_size == 3 and team["sw"].overdue_tasks == 1
    assert team["coach"].caseload_size == 1 and team["coach"].overdue_tasks == 0
    assert "far" not in team
    client.force_login(manager)
    body = client.get("/plans/caseload/").content.decode()
    assert "The team" in body or "הצוות" in body


def test_caseload_page_has_the_follow_ups_slot(client, worker):
    client.force_login(worker)
    body = client.get("/plans/caseload/").content.decode()
    assert ('<section id="follow-ups-due" hx-get="/placements/follow-ups/due/" hx-trigger="load" '
            'hx-swap="innerHTML"></section>') in body


def test_a_worker_cannot_open_a_teammates_caseload(client, worker, staff):
    other = staff(Role.COACH, username="c")
    client.force_login(worker)
    response = client.get(f"/plans/caseload/?worker={other.pk}")
    assert response.context["worker"] == worker


def _fill(center, worker, participants, per_participant):
    created = []
    for _ in range(participants):
        participant = ParticipantFactory(center=center, case_worker=worker)
        plan = CareerPlanFactory(participant=participant)
        for n in range(per_participant):
            meeting = MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(n + 1),
                                     next_meeting_at=timezone.now() + datetime.timedelta(days=n + 1))
            NoteFactory(participant=participant, meeting=meeting, author=worker, kind=NoteKind.THERAPEUTIC)
            NoteFactory(participant=participant, author=worker)
            TaskFactory(plan=plan, due_date=timezone.localdate() - datetime.timedelta(days=n))
            GoalFactory(plan=plan)
        created.append(participant)
    return created


@pytest.mark.parametrize("participants, per_participant", [(2, 1), (12, 6)])
def test_caseload_page_costs_a_fixed_number_of_queries(client, center, worker, staff, django_assert_max_num_queries,
                                                       participants, per_participant):
    manager = staff(Role.MANAGER, username="m")
    _fill(center, worker, participants, per_participant)
    for user in (worker, manager):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            response = client.get(f"/plans/caseload/?worker={worker.pk}")
        assert response.status_code == 200
        assert len(response.context["rows"]) == participants


@pytest.mark.parametrize("per_participant", [1, 15])
def test_participant_pages_cost_a_fixed_number_of_queries(client, center, worker, django_assert_max_num_queries,
                                                          per_participant):
    participant = _fill(center, worker, 1, per_participant)[0]
    client.force_login(worker)
    for url in (f"/plans/participant/{participant.pk}/", f"/plans/participant/{participant.pk}/skills/"):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200
    # The timeline reads every app's source (participants/timeline.py): a fixed number of queries per source.
    with django_assert_max_num_queries(24):
        assert client.get(f"/plans/participant/{participant.pk}/timeline/").status_code == 200


@pytest.mark.parametrize("value", ["abc", "999999", "1.5"])
def test_a_malformed_or_unknown_worker_is_not_found_never_a_server_error(client, staff, value):
    client.force_login(staff(Role.MANAGER, username="m"))
    assert client.get(f"/plans/caseload/?worker={value}").status_code == 404


def test_a_worker_ignores_the_worker_parameter_even_when_malformed(client, worker):
    client.force_login(worker)
    response = client.get("/plans/caseload/?worker=abc")
    assert response.status_code == 200 and response.context["worker"] == worker


def test_a_manager_cannot_open_the_caseload_of_another_centers_worker(client, staff, other_center):
    far = staff(Role.COACH, centers=[other_center], username="far")
    ParticipantFactory(center=other_center, case_worker=far)
    client.force_login(staff(Role.MANAGER, username="m"))
    response = client.get(f"/plans/caseload/?worker={far.pk}")
    assert response.status_code == 404
    assert "far" not in response.content.decode()


def test_a_manager_opens_the_caseload_of_a_worker_of_their_center(client, staff, worker, center):
    ParticipantFactory(center=center, case_worker=worker)
    client.force_login(staff(Role.MANAGER, username="m"))
    response = client.get(f"/plans/caseload/?worker={worker.pk}")
    assert response.status_code == 200 and response.context["worker"] == worker


def test_a_long_caseload_shows_one_page_and_counts_everyone(client, center, staff):
    manager = staff(Role.MANAGER, username="m")
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    ParticipantFactory.create_batch(53, center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
    client.force_login(manager)
    first = client.get(f"/plans/caseload/?worker={worker.pk}")
    assert len(first.context["rows"]) == 53 and len(first.context["page"]) == 50
    body = first.content.decode()
    assert f"?worker={worker.pk}&page=2" in body
    assert body.count('href="/plans/participant/') == 50
    second = client.get(f"/plans/caseload/?worker={worker.pk}&page=2")
    assert len(second.context["page"]) == 3
    # A page that is not a number, or past the end, shows a page rather than an error.
    assert client.get(f"/plans/caseload/?worker={worker.pk}&page=abc").context["page"].number == 1
    assert client.get(f"/plans/caseload/?worker={worker.pk}&page=99").context["page"].number == 2


def test_the_caseload_figures_count_the_participants_past_the_first_page(client, center, worker):
    participants = ParticipantFactory.create_batch(53, center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
    Participant.objects.filter(pk__in=[p.pk for p in participants[:5]]).update(created_at=_at_noon(31))
    for participant in participants[:3]:
        TaskFactory(plan=CareerPlanFactory(participant=participant),
                    due_date=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(worker)
    response = client.get("/plans/caseload/")
    assert (len(response.context["rows"]), response.context["outreach_count"], response.context["overdue_count"]) \
        == (53, 5, 3)
    assert len(response.context["page"]) == 50


def _workers_with_caseloads(center, staff, numbers):
    """A worker for each number n, accompanying n participants, one of them with an overdue task and an
    unrecorded follow-up past its date, and one closed participant."""
    from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

    today = timezone.localdate()
    workers = []
    for n in numbers:
        worker = staff(Role.COACH, username=f"w{n}")
        people = ParticipantFactory.create_batch(n, center=center, case_worker=worker, status=JourneyStatus.ACTIVE)
        ParticipantFactory(center=center, case_worker=worker, status=JourneyStatus.CLOSED)
        TaskFactory(plan=CareerPlanFactory(participant=people[0]), due_date=today - datetime.timedelta(days=2))
        placement = PlacementFactory(participant=people[0], start_date=today - datetime.timedelta(days=200))
        FollowUpFactory(placement=placement, months_after=3, due_on=today - datetime.timedelta(days=10))
        workers.append(worker)
    return workers


def _caseload_table(manager, center):
    from hizdamnut.reports import indicators
    from hizdamnut.reports.indicators import Filters, Scope

    manager = type(manager).objects.get(pk=manager.pk)  # as a request sees it: nothing read yet
    today = timezone.localdate()
    scope = Scope([center], Filters(date_from=today.replace(month=1, day=1), date_to=today), today=today)
    return {row["worker"].username: (row["caseload"], row["overdue_tasks"], row["overdue_follow_ups"])
            for row in indicators.caseload_per_worker(manager, scope)}


def test_the_caseload_per_worker_table_costs_the_same_queries_whatever_the_number_of_workers(center, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = staff(Role.MANAGER, username="m")
    workers = _workers_with_caseloads(center, staff, [1])
    with CaptureQueriesContext(connection) as few:
        assert _caseload_table(manager, center)["w1"] == (1, 1, 1)
    workers += _workers_with_caseloads(center, staff, range(2, 7))
    with CaptureQueriesContext(connection) as many:
        table = _caseload_table(manager, center)
    assert [table[w.username] for w in workers] == [(n, 1, 1) for n in range(1, 7)]
    assert len(many) == len(few)


def _figures(row):
    return row.last_contact, row.next_meeting, row.overdue_tasks


def test_the_files_contact_figures_equal_the_caseloads(center, worker):
    """The participant's file computes the figures from the meetings and tasks it has read; the caseload asks the
    database. Both give the same, with and without any meeting or task."""
    participant = ParticipantFactory(center=center, case_worker=worker)
    plan = CareerPlanFactory(participant=participant)
    soon = timezone.now() + datetime.timedelta(days=2)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(9), next_meeting_at=soon)
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(4), attendance=Attendance.NO_SHOW,
                   next_meeting_at=soon + datetime.timedelta(days=1))
    MeetingFactory(participant=participant, staff=worker, starts_at=_at_noon(20),
                   next_meeting_at=timezone.now() - datetime.timedelta(days=1))
    today = timezone.localdate()
    for due, status in ((-3, TaskStatus.OPEN), (-1, TaskStatus.OPEN), (-2, TaskStatus.DONE), (0, TaskStatus.OPEN),
                        (5, TaskStatus.OPEN)):
        TaskFactory(plan=plan, due_date=today + datetime.timedelta(days=due), status=status)
    expected = {}
    for person in (participant, ParticipantFactory(center=center, case_worker=worker)):
        query = selectors.with_contact_figures(Participant.objects.filter(pk=person.pk), today)
        expected[person] = _figures(query.get())
        figures = selectors.contact_figures_of(
            person, list(person.meetings.all()), list(Task.objects.filter(plan__participant=person)), today)
        assert _figures(figures) == expected[person]
    assert expected[participant] == (_at_noon(9), soon, 2)
