import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import Goal, Meeting, Note, PlanChange
from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, MeetingFactory, NoteFactory, TaskFactory

# Scripts and styles come from our own site (no CDN): a src or href that leaves it.
OFF_SITE = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//')


@pytest.fixture
def worker(staff):
    return staff(Role.SOCIAL_WORKER, username="sw")


@pytest.fixture
def far(other_center):
    """A participant of another center, with something of everything."""
    participant = ParticipantFactory(center=other_center)
    plan = CareerPlanFactory(participant=participant)
    return {
        "participant": participant,
        "goal": GoalFactory(plan=plan),
        "task": TaskFactory(plan=plan),
        "note": NoteFactory(participant=participant, author=participant.center and _any_user(other_center)),
    }


def _any_user(center):
    from hizdamnut.centers.tests.factories import make_staff

    return make_staff(Role.COACH, [center], username="far-coach")


@pytest.mark.parametrize("path", ["/plans/participant/{p}/", "/plans/participant/{p}/timeline/",
                                  "/plans/participant/{p}/skills/", "/plans/participant/{p}/meetings/new/",
                                  "/plans/participant/{p}/notes/new/", "/plans/participant/{p}/goals/new/",
                                  "/plans/participant/{p}/tasks/new/", "/plans/participant/{p}/status/",
                                  "/plans/participant/{p}/vision/"])
def test_another_centers_participant_pages_are_404(client, worker, far, path):
    client.force_login(worker)
    assert client.get(path.format(p=far["participant"].pk)).status_code == 404


def test_another_centers_goal_and_task_cannot_be_changed(client, worker, far):
    client.force_login(worker)
    assert client.post(f"/plans/goals/{far['goal'].pk}/status/", {"status": "achieved"}).status_code == 404
    assert client.post(f"/plans/tasks/{far['task'].pk}/status/", {"status": "done"}).status_code == 404


@pytest.mark.parametrize("path", ["participants/{p}/plan", "participants/{p}/meetings", "participants/{p}/notes",
                                  "participants/{p}/timeline", "participants/{p}/skills"])
def test_another_centers_participant_api_is_404(client, worker, far, path):
    client.force_login(worker)
    assert client.get("/api/v1/plans/" + path.format(p=far["participant"].pk)).status_code == 404


def test_another_centers_records_api_is_404(client, worker, far):
    client.force_login(worker)
    assert client.get(f"/api/v1/plans/notes/{far['note'].pk}").status_code == 404
    assert client.post(f"/api/v1/plans/goals/{far['goal'].pk}/status", {"status": "achieved"},
                       content_type="application/json").status_code == 404
    assert client.post(f"/api/v1/plans/tasks/{far['task'].pk}/status", {"status": "done"},
                       content_type="application/json").status_code == 404
    assert client.post(f"/api/v1/plans/participants/{far['participant'].pk}/meetings",
                       {"kind": "phone", "starts_at": timezone.now().isoformat()},
                       content_type="application/json").status_code == 404


@pytest.mark.parametrize("role, status", [(Role.SOCIAL_WORKER, 200), (Role.COACH, 200), (Role.COORDINATOR, 200),
                                          (Role.MANAGER, 200), (Role.NATIONAL_VIEWER, 200), (Role.SYSTEM_ADMIN, 200),
                                          (Role.EMPLOYER_LEAD, 403), (Role.TRAINING_COORDINATOR, 403)])
def test_caseload_page_by_role(client, staff, role, status):
    client.force_login(staff(role, username=f"u-{role}"))
    assert client.get("/plans/caseload/").status_code == status


def test_national_viewer_reads_but_cannot_record_a_meeting(client, staff, center):
    participant = ParticipantFactory(center=center)
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[], username="nat"))
    assert client.get(f"/plans/participant/{participant.pk}/").status_code == 200
    assert client.get(f"/plans/participant/{participant.pk}/meetings/new/").status_code == 403
    assert client.post(f"/api/v1/plans/participants/{participant.pk}/notes", {"text": "x"},
                       content_type="application/json").status_code == 403


def test_recording_a_meeting_through_the_page(client, worker, center):
    participant = ParticipantFactory(center=center, case_worker=worker)
    client.force_login(worker)
    response = client.post(f"/plans/participant/{participant.pk}/meetings/new/", {
        "kind": "individual",
        "starts_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 50, "attendance": "held", "note_kind": "therapeutic", "note": "מתמודדת עם אובדן",
    })
    assert response.status_code == 302
    assert Note.objects.get().kind == "therapeutic"
    assert Meeting.objects.get().duration_minutes == 50


def test_a_goal_without_a_measure_is_refused_on_the_page(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    response = client.post(f"/plans/participant/{participant.pk}/goals/new/", {
        "what": "עבודה", "measure": "", "target": "1", "target_date": "",
    })
    assert response.status_code == 200
    assert {"measure", "target_date"} <= set(response.context["form"].errors)
    assert not Goal.objects.exists()


def test_a_goal_without_a_date_is_refused_in_the_api_naming_the_field(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    response = client.post(f"/api/v1/plans/participants/{participant.pk}/goals",
                           {"what": "עבודה", "measure": "חוזה", "target": "1"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "target_date"]


def test_api_creates_a_task_and_shows_the_plan_with_history(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    response = client.post(f"/api/v1/plans/participants/{participant.pk}/tasks",
                           {"title": "לקבוע ריאיון", "owner": "staff", "due_date": "2030-01-01"},
                           content_type="application/json")
    assert response.status_code == 201
    plan = client.get(f"/api/v1/plans/participants/{participant.pk}/plan").json()
    assert plan["tasks"][0]["owner"] == "staff"
    assert plan["history"][0]["changed_by"] == "sw"


def test_task_marked_done_with_htmx_returns_its_row(client, worker, center):
    task = TaskFactory(plan=CareerPlanFactory(participant=ParticipantFactory(center=center)))
    client.force_login(worker)
    response = client.post(f"/plans/tasks/{task.pk}/status/", {"status": "done"}, HTTP_HX_REQUEST="true")
    assert f'id="task-{task.pk}"' in response.content.decode()
    task.refresh_from_db()
    assert task.status == "done"
    assert PlanChange.objects.count() == 1


def test_plan_page_shows_the_history(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    client.post(f"/plans/participant/{participant.pk}/vision/", {"vision": "לעבוד בגן ילדים"})
    body = client.get(f"/plans/participant/{participant.pk}/").content.decode()
    assert "לעבוד בגן ילדים" in body
    assert PlanChange.objects.get().what in body


def test_status_change_page_pauses_with_expected_return(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    response = client.post(f"/plans/participant/{participant.pk}/status/", {"status": "paused", "note": "ניתוח"})
    assert "expected_return" in str(response.context["form"].errors) or response.context["form"].non_field_errors()
    response = client.post(f"/plans/participant/{participant.pk}/status/", {
        "status": "paused", "note": "ניתוח",
        "expected_return": (timezone.localdate() + datetime.timedelta(days=30)).isoformat()})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == JourneyStatus.PAUSED


def test_timeline_is_newest_first_and_has_every_kind(client, worker, center):
    participant = ParticipantFactory(center=center)
    plan = CareerPlanFactory(participant=participant)
    MeetingFactory(participant=participant, staff=worker, starts_at=timezone.now() - datetime.timedelta(days=10))
    GoalFactory(plan=plan)
    TaskFactory(plan=plan)
    NoteFactory(participant=participant, author=worker)
    from hizdamnut.participants.services import change_status

    change_status(participant=participant, status="active", actor=worker)
    client.force_login(worker)
    events = client.get(f"/api/v1/plans/participants/{participant.pk}/timeline").json()
    assert {"status", "meeting", "note", "goal", "task"} <= {event["kind"] for event in events}
    whens = [event["when"] for event in events]
    assert whens == sorted(whens, reverse=True)


def test_skills_page_shows_the_chart_from_vendored_chart_js(client, worker, center):
    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    for days, level in ((90, 2), (10, 4)):
        client.post(f"/plans/participant/{participant.pk}/skills/", {
            "assessed_on": (timezone.localdate() - datetime.timedelta(days=days)).isoformat(), "hebrew": level})
    body = client.get(f"/plans/participant/{participant.pk}/skills/").content.decode()
    assert "/static/vendor/chart.umd.min.js" in body and not OFF_SITE.search(body)
    assert 'id="skills-chart"' in body
    data = client.get(f"/api/v1/plans/participants/{participant.pk}/skills").json()
    assert [a["scores"][0]["level"] for a in data] == [2, 4]


def test_worker_calendar_is_icalendar(client, worker, center):
    participant = ParticipantFactory(center=center)
    MeetingFactory(participant=participant, staff=worker, next_meeting_at=timezone.now() + datetime.timedelta(days=3))
    client.force_login(worker)
    response = client.get("/plans/calendar/mine.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]
    assert len(events) == 2
    assert client.get(f"/api/v1/plans/calendar/{worker.pk}.ics").status_code == 200


def test_a_coach_cannot_read_another_workers_calendar(client, worker, staff):
    client.force_login(staff(Role.COACH, username="coach"))
    assert client.get(f"/plans/calendar/{worker.pk}.ics").status_code == 404
    assert client.get(f"/api/v1/plans/calendar/{worker.pk}.ics").status_code == 404


def test_home_panels_render_for_social_worker_and_manager(client, worker, staff):
    client.force_login(worker)
    assert "plans/caseload/" in client.get("/").content.decode()
    client.force_login(staff(Role.MANAGER, username="mgr"))
    assert "plans/caseload/" in client.get("/").content.decode()


def test_team_caseloads_api_is_for_managers(client, worker, staff):
    client.force_login(worker)
    assert client.get("/api/v1/plans/caseloads").status_code == 403
    client.force_login(staff(Role.MANAGER, username="mgr"))
    assert client.get("/api/v1/plans/caseloads").status_code == 200


def test_caseload_api_flags_outreach(client, worker, center):
    participant = ParticipantFactory(center=center, case_worker=worker)
    MeetingFactory(participant=participant, staff=worker, starts_at=timezone.now() - datetime.timedelta(days=45))
    client.force_login(worker)
    rows = client.get("/api/v1/plans/caseload").json()
    assert rows[0]["needs_outreach"] is True



def test_opening_the_plan_is_audited_as_a_view(client, worker, center):
    from auditlog.models import LogEntry

    participant = ParticipantFactory(center=center)
    client.force_login(worker)
    client.get(f"/plans/participant/{participant.pk}/")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(participant.pk), actor=worker).exists()


def test_closing_a_file_asks_for_the_reason_then_a_confirmation(client, worker, center):
    participant = ParticipantFactory(center=center, status=JourneyStatus.ACTIVE)
    client.force_login(worker)
    url = f"/plans/participant/{participant.pk}/status/"
    response = client.post(url, {"status": "closed"})
    assert "reason" in response.context["form"].errors
    response = client.post(url, {"status": "closed", "reason": "moved"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert 'name="confirmed" value="1"' in response.content.decode()
    participant.refresh_from_db()
    assert participant.status == JourneyStatus.ACTIVE
    assert client.post(url, {"status": "closed", "reason": "moved", "confirmed": "1"}).status_code == 302
    participant.refresh_from_db()
    assert participant.status == JourneyStatus.CLOSED
