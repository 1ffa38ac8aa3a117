"""The candidate list and the openings list: filters, paging, the API, and a fixed query count."""

import datetime

import pytest
from django.urls import reverse

from hizdamnut.centers.models import City
from hizdamnut.employers import matching
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import SkillAssessment, SkillScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def opening(center):
    return JobOpeningFactory(employer=EmployerFactory(center=center), title="קופאיות לסניף", occupation="קופאיות",
                             occupation_unit=Occupation.objects.get(code="5230"), languages_required=["he"])


def candidate(center, *, code="5230", city="נתניה", languages=("he",), status="active", first_name="דנה", **fields):
    participant = ParticipantFactory(center=center, status=status, city=City.objects.get(name_he=city),
                                     languages=list(languages), first_name=first_name)
    return CandidateProfileFactory(participant=participant, desired_occupations=["x"],
                                   desired_occupation_unit=Occupation.objects.get(code=code), **fields)


def test_filters_keep_only_candidates_within_the_distance_and_with_the_must_haves(center, opening):
    near = candidate(center)
    far = candidate(center, city="באר שבע", max_commute_km=200)
    no_hebrew = candidate(center, languages=["ru"])
    assert {m.participant for m in matching.candidates_for(opening)} == {
        near.participant, far.participant, no_hebrew.participant}
    assert {m.participant for m in matching.candidates_for(opening, max_km=30)} == {
        near.participant, no_hebrew.participant}
    assert {m.participant for m in matching.candidates_for(opening, must_haves=("languages",))} == {
        near.participant, far.participant}


def test_occupation_as_a_must_have_keeps_only_a_fitting_occupation(center, opening):
    cashier = candidate(center)
    candidate(center, code="8332")
    assert [m.participant for m in matching.candidates_for(opening, must_haves=("occupation",))] == [
        cashier.participant]


def test_status_filter_reaches_participants_not_in_active_accompaniment(center, opening):
    candidate(center)
    paused = candidate(center, status="paused")
    assert [m.participant for m in matching.candidates_for(opening, status="paused")] == [paused.participant]


def test_opening_page_shows_three_main_reasons_and_the_explanation_collapsed(lead_client, center, opening):
    candidate(center, first_name="רונית")
    body = lead_client.get(reverse("employers:opening", args=[opening.pk])).content.decode()
    assert "רונית" in body
    assert body.count('<ul class="main-reasons">') == 1
    item = body.split('<ul class="main-reasons">')[1].split("</ul>")[0]
    assert item.count("<li") == 3
    assert '<details class="explanation">' in body and "<details class=\"explanation\" open" not in body


def test_opening_page_filters_through_a_validated_get_form(lead_client, center, opening):
    candidate(center, first_name="קרובה")
    candidate(center, first_name="רחוקה", city="באר שבע", max_commute_km=200)
    url = reverse("employers:opening", args=[opening.pk])
    body = lead_client.get(url, {"max_km": 30}).content.decode()
    assert "קרובה" in body and "רחוקה" not in body
    # A bad value is shown as an error and the list falls back to no distance limit.
    response = lead_client.get(url, {"max_km": "far"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["max_km"]
    assert "רחוקה" in response.content.decode()


def test_opening_page_pages_the_ranking(lead_client, center, opening):
    for n in range(12):
        candidate(center, first_name=f"משתתפת{n:02d}")
    url = reverse("employers:opening", args=[opening.pk])
    first = lead_client.get(url).context["page"]
    second = lead_client.get(url, {"page": 2}).context["page"]
    assert first.paginator.count == 12 and len(first.object_list) == 10 and len(second.object_list) == 2
    assert not {m.participant.pk for m in first} & {m.participant.pk for m in second}


def test_participant_page_ranks_openings_with_filters_and_paging(lead_client, center, opening):
    person = candidate(center)
    far = JobOpeningFactory(employer=opening.employer, city=City.objects.get(name_he="באר שבע"))
    url = reverse("employers:participant", args=[person.participant.pk])
    page = lead_client.get(url).context["page"]
    assert [m.opening for m in page] == [opening, far]
    assert [m.opening for m in lead_client.get(url, {"max_km": 30}).context["page"]] == [opening]
    closed = JobOpeningFactory(employer=opening.employer, status="closed")
    assert [m.opening for m in lead_client.get(url, {"status": "closed"}).context["page"]] == [closed]


def test_api_ranks_with_the_same_filters_and_pages(lead_client, center, opening):
    for n in range(5):
        candidate(center, first_name=f"א{n}")
    candidate(center, city="באר שבע", max_commute_km=200)
    url = f"/api/v1/employers/openings/{opening.pk}/matches"
    response = lead_client.get(url, {"page_size": 2, "page": 2, "max_km": 30})
    assert response.status_code == 200
    assert response["X-Total-Count"] == "5" and response["X-Page-Count"] == "3"
    body = response.json()
    assert len(body) == 2 and all(len(m["main_reasons"]) == 3 for m in body)
    assert lead_client.get(url, {"max_km": "far"}).status_code in (400, 422)
    must = lead_client.get(url, {"must": ["languages", "occupation"]})
    assert must.status_code == 200 and must["X-Total-Count"] == "6"


def test_api_ranks_openings_for_a_participant(lead_client, center, opening):
    person = candidate(center)
    response = lead_client.get(f"/api/v1/employers/participants/{person.participant.pk}/matches", {"page_size": 1})
    assert response.status_code == 200
    assert [m["opening_id"] for m in response.json()] == [opening.pk]
    assert response["X-Total-Count"] == "1"


def test_api_takes_and_gives_occupation_codes(lead_client, center):
    employer = EmployerFactory(center=center)
    payload = {"employer_id": employer.pk, "title": "קופאיות", "occupation": "קופאיות", "hours_per_week": 30,
               "city": "נתניה"}
    created = lead_client.post("/api/v1/employers/openings", payload, content_type="application/json").json()
    assert created["occupation_code"] == "5230" and created["occupation"] == "קופאיות"
    chosen = lead_client.post("/api/v1/employers/openings", {**payload, "occupation_code": "5223"},
                              content_type="application/json").json()
    assert chosen["occupation_code"] == "5223"
    bad = lead_client.post("/api/v1/employers/openings", {**payload, "occupation_code": "52"},
                           content_type="application/json")
    assert bad.status_code in (400, 422)


def test_opening_form_stores_the_typed_words_and_the_chosen_code(lead_client, center):
    employer = EmployerFactory(center=center)
    response = lead_client.post(reverse("employers:opening_create"), {
        "employer": employer.pk, "title": "קופאיות", "occupation_0": "קופאיות", "occupation_1": "5230",
        "positions": 1, "hours_per_week": 30, "shift": "day", "city": center.city_id, "education_required": 0,
        "experience_years_required": 0, "status": "open"})
    assert response.status_code == 302
    opening = employer.openings.get()
    assert (opening.occupation, opening.occupation_unit.code) == ("קופאיות", "5230")
    edit = lead_client.get(reverse("employers:opening_update", args=[opening.pk])).content.decode()
    assert 'value="קופאיות"' in edit and 'value="5230" checked' in edit


def test_profile_form_keeps_the_main_occupation_first_with_its_code(lead_client, center):
    participant = ParticipantFactory(center=center, status="active")
    response = lead_client.post(reverse("employers:participant", args=[participant.pk]), {
        "ready_for_work": "on", "main_occupation_0": "מלקטת", "main_occupation_1": "4321",
        "desired_occupations": "נהיגה", "education_level": 3, "experience_years": 0, "max_commute_km": 20,
        "expected_hourly_wage": "38"})
    assert response.status_code == 302
    participant.refresh_from_db()
    profile = participant.candidate_profile
    assert profile.desired_occupations == ["מלקטת", "נהיגה"]
    assert profile.desired_occupation_unit.code == "4321" and str(profile.expected_hourly_wage) == "38.00"


def test_employers_page_lists_occupations_to_confirm(lead_client, center):
    JobOpeningFactory(employer=EmployerFactory(center=center), title="משרה מוזרה", occupation="זפזפון גלקטי")
    CandidateProfileFactory(participant=ParticipantFactory(center=center, first_name="נועה"),
                            desired_occupations=["זפזפון"])
    body = lead_client.get(reverse("employers:list")).content.decode()
    section = body.split('id="unclassified"')[1].split("</section>")[0]
    assert "משרה מוזרה" in section and "נועה" in section


def _populate(center, size):
    """`size` ready participants with an intake and an assessment each (the context the ranking reads)."""
    for n in range(size):
        profile = candidate(center, code=["5230", "5223", "8332"][n % 3])
        IntakeMeetingFactory(participant=profile.participant, barriers=["transport"])
        assessment = SkillAssessment.objects.create(participant=profile.participant, assessed_on=datetime.date.today())
        SkillScore.objects.create(assessment=assessment, skill="teamwork", level=3)


@pytest.mark.parametrize("size", [3, 30])
def test_ranking_one_opening_costs_a_fixed_number_of_queries(center, opening, size, django_assert_max_num_queries):
    _populate(center, size)
    opening = type(opening).objects.select_related("employer", "city").get(pk=opening.pk)
    with django_assert_max_num_queries(5):
        ranked = matching.candidates_for(opening)
    assert len(ranked) == size
    assert all("assessment" in {p.code for p in m.parts} for m in ranked)


@pytest.mark.parametrize("size", [3, 30])
def test_opening_page_costs_a_fixed_number_of_queries(lead_client, center, opening, size,
                                                     django_assert_max_num_queries):
    _populate(center, size)
    with django_assert_max_num_queries(16):
        response = lead_client.get(reverse("employers:opening", args=[opening.pk]))
    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", [2, 20])
def test_participant_page_costs_a_fixed_number_of_queries(lead_client, center, size, django_assert_max_num_queries):
    person = candidate(center)
    IntakeMeetingFactory(participant=person.participant)
    employer = EmployerFactory(center=center)
    for n in range(size):
        JobOpeningFactory(employer=employer, occupation_unit=Occupation.objects.get(code=["5230", "8332"][n % 2]))
    with django_assert_max_num_queries(13):  # 12, and the audit entry for reading the profile
        response = lead_client.get(reverse("employers:participant", args=[person.participant.pk]))
    assert response.context["page"].paginator.count == size
