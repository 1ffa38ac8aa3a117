"""The participant's file: every stage's section for the roles that may see it, a fixed query count, the header."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.employers.tests.factories import (
    CandidacyFactory,
    CandidateProfileFactory,
    EmployerFactory,
    JobOpeningFactory,
)
from hizdamnut.inquiries.models import Screening
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.models import Referral, RoutingDecision
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory
from hizdamnut.plans.models import SkillAssessment, SkillScore
from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, MeetingFactory, NoteFactory, TaskFactory
from hizdamnut.programs.models import SessionAttendance
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, SessionFactory
from hizdamnut.training.tests.factories import CourseFactory, TrainingApplicationFactory

SECRET = "סוד טיפולי"
TODAY = timezone.localdate()


def history(participant, worker, n):
    """n records of every kind the file shows, for the participant."""
    center = participant.center
    plan = CareerPlanFactory(participant=participant, vision="לעבוד כמזכירה רפואית")
    employer = EmployerFactory(center=center)
    course = CourseFactory(center=center)
    service = CommunityService.objects.create(center=center, code=f"service-{participant.pk}", name_he="שירות")
    for _ in range(n):
        inquiry = InquiryFactory(center=center, participant=participant)
        Screening.objects.create(inquiry=inquiry, screened_on=TODAY, rules_version="1", decision="eligible",
                                 reasons=[], screened_by=worker)
        meeting = IntakeMeetingFactory(participant=participant, inquiry=inquiry, staff=worker)
        RoutingDecision.objects.create(participant=participant, intake=meeting, decided_on=TODAY, model_version="1",
                                       recommended_response="courses", response="courses", decided_by=worker)
        GoalFactory(plan=plan, created_by=worker)
        TaskFactory(plan=plan, created_by=worker, due_date=TODAY - datetime.timedelta(days=2))
        MeetingFactory(participant=participant, staff=worker)
        NoteFactory(participant=participant, author=worker)
        assessment = SkillAssessment.objects.create(participant=participant, assessed_on=TODAY, assessor=worker)
        SkillScore.objects.create(assessment=assessment, skill="teamwork", level=3)
        cohort = CohortFactory(center=center)
        enrollment = EnrollmentFactory(cohort=cohort, participant=participant, created_by=worker)
        SessionAttendance.objects.create(session=SessionFactory(cohort=cohort), enrollment=enrollment, present=True)
        CandidacyFactory(opening=JobOpeningFactory(employer=employer), participant=participant, recommended_by=worker)
        TrainingApplicationFactory(course=course, participant=participant, created_by=worker)
        placement = PlacementFactory(participant=participant, employer=employer, recorded_by=worker)
        FollowUpFactory(placement=placement, owner=worker, due_on=TODAY - datetime.timedelta(days=1))
        Referral.objects.create(center=center, participant=participant, service=service, sent_on=TODAY,
                                    created_by=worker)
    CandidateProfileFactory(participant=participant)


@pytest.fixture
def participant(center, staff):
    return ParticipantFactory(center=center, case_worker=staff(Role.SOCIAL_WORKER, username="sw"))


@pytest.mark.parametrize("n", [1, 4])
def test_the_file_costs_the_same_queries_whatever_the_history(client, staff, participant, n,
                                                             django_assert_max_num_queries):
    history(participant, participant.case_worker, n)
    client.force_login(staff(Role.MANAGER, username="manager"))
    with django_assert_max_num_queries(28):  # 27, and the audit entry of the read
        response = client.get(reverse("participants:detail", args=[participant.pk]))
    assert response.status_code == 200


# The tables of the records the file and the timeline show: each is read by one query, whoever shows its rows.
RECORD_TABLES = {
    "inquiries_inquiry", "inquiries_screening", "inquiries_inquirystatuschange", "intake_intakemeeting",
    "intake_routingdecision", "intake_referral", "plans_careerplan", "plans_goal", "plans_task", "plans_meeting",
    "plans_note", "plans_skillassessment", "plans_skillscore", "programs_enrollment", "programs_sessionattendance",
    "employers_candidateprofile", "employers_candidacy", "training_trainingapplication", "placements_placement",
    "placements_followup", "participants_statuschange",
}


def _table_read(sql):
    """The table a SELECT reads its rows from (its subqueries left out), or None for another statement."""
    if not sql.startswith("SELECT"):
        return None
    while re.search(r"\([^()]*\)", sql):
        sql = re.sub(r"\([^()]*\)", "", sql)
    match = re.search(r' FROM "(\w+)"', sql)
    return match.group(1) if match else None


def _page_reads(client, participant):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("participants:detail", args=[participant.pk]))
    assert response.status_code == 200
    return Counter(_table_read(query["sql"]) for query in queries.captured_queries)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.SOCIAL_WORKER, Role.EMPLOYER_LEAD])
def test_the_file_and_its_timeline_read_each_kind_of_record_once(client, center, staff, role):
    """The sections and the timeline share their rows: one query per kind, the same with 1 or 4 records of each."""
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    few, many = (ParticipantFactory(center=center, case_worker=worker) for _ in range(2))
    history(few, worker, 1)
    history(many, worker, 4)
    client.force_login(worker if role == Role.SOCIAL_WORKER else staff(role, username="reader"))
    client.get(reverse("participants:detail", args=[few.pk]))  # the session and the first-read bookkeeping
    reads_few, reads_many = _page_reads(client, few), _page_reads(client, many)
    assert reads_few == reads_many
    records = {table: count for table, count in reads_many.items() if table in RECORD_TABLES}
    assert records and all(count == 1 for count in records.values()), records


def test_the_file_shows_every_stage_to_the_social_worker(client, participant):
    history(participant, participant.case_worker, 1)
    client.force_login(participant.case_worker)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    for section in ("file-inquiries", "file-intake", "file-plan", "file-meetings", "file-skills", "file-programs",
                    "file-employment", "file-training", "file-placements", "file-referrals"):
        assert f'id="{section}"' in page, section
    assert "לעבוד כמזכירה רפואית" in page


def test_the_header_names_the_routing_response_and_the_alerts(client, participant):
    history(participant, participant.case_worker, 1)
    client.force_login(participant.case_worker)
    response = client.get(reverse("participants:detail", args=[participant.pk]))
    labels = [str(fact.label) for fact in response.context["file"]["facts"]]
    assert len(labels) >= 2
    alerts = " ".join(response.context["file"]["alerts"])
    assert alerts  # an overdue task and an overdue follow-up


def test_the_employer_lead_sees_employment_but_not_accompaniment(client, staff, participant):
    history(participant, participant.case_worker, 1)
    client.force_login(staff(Role.EMPLOYER_LEAD, username="lead"))
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert 'id="file-employment"' in page and 'id="file-placements"' in page
    for hidden in ("file-intake", "file-plan", "file-meetings", "file-inquiries", "file-training"):
        assert f'id="{hidden}"' not in page, hidden


def test_a_therapeutic_note_is_absent_from_another_workers_file(client, staff, participant):
    NoteFactory(participant=participant, author=participant.case_worker, kind="therapeutic", text=SECRET)
    client.force_login(staff(Role.COACH, username="coach"))
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert SECRET not in page
    client.force_login(participant.case_worker)
    assert SECRET in client.get(reverse("participants:detail", args=[participant.pk])).content.decode()


def test_the_intake_link_opens_the_existing_meeting(client, participant):
    meeting = IntakeMeetingFactory(participant=participant, staff=participant.case_worker)
    client.force_login(participant.case_worker)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert reverse("intake:detail", args=[meeting.pk]) in page
    assert f"{reverse('intake:create')}?participant={participant.pk}" not in page


def test_without_an_intake_the_link_records_one(client, participant):
    client.force_login(participant.case_worker)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert f"{reverse('intake:create')}?participant={participant.pk}" in page


def test_a_date_only_event_shows_no_invented_time(client, participant):
    from hizdamnut.participants.models import StatusChange

    StatusChange.objects.create(participant=participant, status="active", changed_on=TODAY - datetime.timedelta(days=3))
    client.force_login(participant.case_worker)
    events = client.get(reverse("participants:detail", args=[participant.pk])).context["events"]
    status = next(event for event in events if event.kind == "status")
    assert status.all_day
    page = client.get(reverse("plans:timeline", args=[participant.pk])).content.decode()
    assert "23:59" not in page


def test_eligibility_about_to_end_is_an_alert(client, participant):
    from hizdamnut.inquiries.eligibility import years_before

    participant.has_welfare_file = True
    participant.welfare_file_last_active = years_before(TODAY, 3) + datetime.timedelta(days=20)
    participant.save()
    client.force_login(participant.case_worker)
    alerts = client.get(reverse("participants:detail", args=[participant.pk])).context["file"]["alerts"]
    assert any("social-services" in alert or "תיק הרווחה" in alert for alert in alerts)


def test_no_contact_for_a_month_is_an_alert(client, participant):
    participant.status = "active"
    participant.save()
    MeetingFactory(participant=participant, staff=participant.case_worker,
                   starts_at=timezone.now() - datetime.timedelta(days=45))
    client.force_login(participant.case_worker)
    alerts = " ".join(client.get(reverse("participants:detail", args=[participant.pk])).context["file"]["alerts"])
    assert "30" in alerts


def test_the_skills_section_shows_each_assessments_mean_per_field(client, participant):
    worker = participant.case_worker
    earlier = SkillAssessment.objects.create(participant=participant, assessed_on=TODAY - datetime.timedelta(days=30),
                                             assessor=worker)
    later = SkillAssessment.objects.create(participant=participant, assessed_on=TODAY, assessor=worker)
    for assessment, levels in ((earlier, {"teamwork": 2, "listening": 3, "hebrew": 4}), (later, {"teamwork": 5})):
        for skill, level in levels.items():
            SkillScore.objects.create(assessment=assessment, skill=skill, level=level)
    client.force_login(worker)
    sections = client.get(reverse("participants:detail", args=[participant.pk])).context["file"]["sections"]
    skills = next(section["context"] for section in sections if section["key"] == "skills")
    assert skills["rows"] == [{"on": earlier.assessed_on, "means": [2.5, 4.0, None]},
                              {"on": later.assessed_on, "means": [5.0, None, None]}]
