"""The candidate profile is opened and kept current from routing and skills assessments (nothing typed twice)."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from hizdamnut.employers import profiles
from hizdamnut.employers.models import CandidateProfile, EducationLevel
from hizdamnut.intake import services as intake_services
from hizdamnut.intake.models import RoutingTrack
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans import services as plan_services
from hizdamnut.plans.models import Skill

TODAY = datetime.date.today()
READY = dict.fromkeys(["self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills"], 5)


def routed(coordinator, center, response=RoutingTrack.SHORT_TERM_COACHING, **intake):
    participant = ParticipantFactory(center=center, languages=["he"])
    meeting = IntakeMeetingFactory(participant=participant, **{**READY, **intake})
    intake_services.record_routing_decision(intake=meeting, response=response, actor=coordinator,
                                            override_reason="" if response == RoutingTrack.SHORT_TERM_COACHING
                                            else "בחירה משותפת")
    return participant


@pytest.mark.django_db
def test_routing_to_work_opens_a_profile_prefilled_from_the_intake(coordinator, center):
    participant = routed(coordinator, center, education="תעודת בגרות מלאה", work_history="קופאית שלוש שנים",
                         licences="רישיון נהיגה B, רישיון מלגזה", languages=["he", "ar"])
    profile = CandidateProfile.objects.get(participant=participant)
    assert profile.ready_for_work
    assert profile.education_level == EducationLevel.MATRICULATION
    assert profile.experience_years == 3
    assert profile.licences == ["B", "מלגזה"]
    participant.refresh_from_db()
    assert participant.languages == ["he", "ar"]


@pytest.mark.django_db
def test_routing_not_to_work_opens_no_profile(coordinator, center):
    participant = routed(coordinator, center, response=RoutingTrack.SOCIAL_WORK)
    assert not CandidateProfile.objects.filter(participant=participant).exists()


@pytest.mark.django_db
def test_routing_keeps_what_a_worker_already_wrote_in_the_profile(coordinator, center):
    participant = ParticipantFactory(center=center)
    CandidateProfile.objects.create(participant=participant, experience_years=7)
    meeting = IntakeMeetingFactory(participant=participant, work_history="שנתיים במחסן", **READY)
    intake_services.record_routing_decision(
        intake=meeting, response=RoutingTrack.SHORT_TERM_COACHING, actor=coordinator
    )
    profile = CandidateProfile.objects.get(participant=participant)
    assert profile.ready_for_work and profile.experience_years == 7


@pytest.mark.django_db
def test_a_skills_assessment_updates_the_profile_skills(coordinator, center):
    participant = routed(coordinator, center)
    plan_services.record_assessment(actor=coordinator, participant=participant, assessed_on=TODAY,
                                    levels={"teamwork": 4, "digital": 2})
    with translation.override(settings.LANGUAGE_CODE):
        teamwork, digital = str(Skill.TEAMWORK.label), str(Skill.DIGITAL.label)
    assert CandidateProfile.objects.get(participant=participant).skills == [teamwork]
    plan_services.record_assessment(actor=coordinator, participant=participant, assessed_on=TODAY,
                                    levels={"teamwork": 2, "digital": 4})
    assert CandidateProfile.objects.get(participant=participant).skills == [digital]


@pytest.mark.parametrize(("text", "level"), [
    ("12 שנות לימוד", EducationLevel.SECONDARY), ("10 שנות לימוד", EducationLevel.PARTIAL_SECONDARY),
    ("תעודת בגרות חלקית", EducationLevel.SECONDARY), ('תואר ראשון מחו"ל', EducationLevel.ACADEMIC),
    ("8 שנות לימוד", EducationLevel.ELEMENTARY), ("", None),
])
def test_education_is_read_from_the_intake_text(text, level):
    assert profiles.education_from_text(text) == level


@pytest.mark.parametrize(("text", "years"), [
    ("עבודות ניקיון במשך שלוש שנים.", 3), ("ללא ניסיון תעסוקתי.", 0), ("5 שנים במפעל", 5), ("קופאית בסופרמרקט.", None),
])
def test_experience_is_read_from_the_work_history(text, years):
    assert profiles.experience_years_from_text(text) == years


@pytest.mark.django_db
def test_the_profile_form_starts_from_the_intake_when_there_is_no_profile(coordinator_client, center):
    from django.urls import reverse

    participant = ParticipantFactory(center=center)
    IntakeMeetingFactory(participant=participant, education="תואר ראשון", licences="רישיון נהיגה B")
    form = coordinator_client.get(reverse("employers:participant", args=[participant.pk])).context["form"]
    assert form.initial["education_level"] == EducationLevel.ACADEMIC
    assert form.initial["licences"] == ["B"]


@pytest.mark.django_db
def test_anyone_of_the_center_can_be_recommended_with_the_picker(coordinator_client, center):
    from django.urls import reverse

    from hizdamnut.employers.models import Candidacy
    from hizdamnut.employers.tests.factories import EmployerFactory, JobOpeningFactory

    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    page = coordinator_client.get(reverse("employers:opening", args=[opening.pk])).content.decode()
    assert 'id="recommend-anyone"' in page and 'name="participant_search"' in page
    participant = ParticipantFactory(center=center, status="active")
    coordinator_client.post(reverse("employers:recommend", args=[opening.pk]), {"participant": participant.pk})
    assert Candidacy.objects.filter(opening=opening, participant=participant).exists()
