"""A vehicle an opening requires; licences and education read through their data tables, from the intake too."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.employers import matching, qualifications
from hizdamnut.employers.models import EducationLevel, JobOpening
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def opening(center, **fields):
    return JobOpeningFactory(employer=EmployerFactory(center=center), **fields)


def candidate(center, **fields):
    participant = ParticipantFactory(center=center, status="active", city=City.objects.get(name_he="נתניה"),
                                     languages=["he"])
    return CandidateProfileFactory(participant=participant, **fields)


def part(match, code):
    return next((p for p in match.parts if p.code == code), None)


# A vehicle of one's own.

def test_an_opening_that_requires_a_vehicle_counts_for_those_who_have_one_and_against_the_others(center):
    job = opening(center, vehicle_required=True)
    driver = part(matching.score(job, candidate(center, has_vehicle=True)), "vehicle")
    walker = part(matching.score(job, candidate(center, has_vehicle=False)), "vehicle")
    assert driver.points == 10 and "they have one" in driver.reason
    assert walker.points == -15 and "they have none" in walker.reason


def test_an_opening_that_needs_no_vehicle_leaves_the_vehicle_out(center):
    assert part(matching.score(opening(center), candidate(center, has_vehicle=True)), "vehicle") is None


def test_a_vehicle_as_a_must_have_keeps_only_those_with_one(center):
    job = opening(center, vehicle_required=True)
    driver = candidate(center, has_vehicle=True)
    candidate(center, has_vehicle=False)
    assert [m.participant for m in matching.candidates_for(job, must_haves=("vehicle",))] == [driver.participant]


def test_the_api_and_the_import_record_the_vehicle_requirement(client, staff, center, tmp_path):
    lead = staff(Role.EMPLOYER_LEAD, username="lead")
    client.force_login(lead)
    employer = EmployerFactory(center=center, name="הובלות השרון")
    response = client.post("/api/v1/employers/openings", json.dumps({
        "employer_id": employer.pk, "title": "נהג/ת חלוקה", "occupation": "נהג חלוקה", "hours_per_week": 40,
        "city": "Netanya", "vehicle_required": True, "opened_on": str(datetime.date.today())}),
        content_type="application/json")
    assert response.status_code == 201 and response.json()["vehicle_required"] is True
    path = tmp_path / "openings.csv"
    path.write_text("center_code,employer,title,occupation,hours_per_week,city,vehicle_required\n"
                    "NTN,הובלות השרון,סוכן/ת שטח,sales,40,נתניה,1\n", encoding="utf-8")
    call_command("import_job_openings", str(path), as_user="lead")
    assert JobOpening.objects.get(title="סוכן/ת שטח").vehicle_required


# Licences through the table.

@pytest.mark.parametrize(("held", "required", "meets"), [
    (["רישיון נהיגה ג׳"], ["C1"], True),  # a heavy-truck licence includes C1 …
    (["ג"], ["רישיון נהיגה B"], True),  # … and B
    (["B"], ["C1"], False),
    (["ב׳"], ["driving licence"], True),
    (["רישיון נהיגה B ומלגזה"], ["מלגזה"], True),
    (["מלגזן"], ["רישיון מלגזה"], True),
    (["רישיון ספנות"], ["ספנות"], True),  # not in the table: compared by its words
    (["רישיון ספנות"], ["מלגזה"], False),
])
def test_licences_are_compared_by_type_with_what_each_includes(center, held, required, meets):
    match = matching.score(opening(center, licences_required=required), candidate(center, licences=held))
    assert (part(match, "licences").points > 0) is meets


def test_licences_written_at_intake_count_when_the_profile_lists_none(center):
    profile = candidate(center, licences=[])
    IntakeMeetingFactory(participant=profile.participant, licences="רישיון נהיגה C1, רישיון מלגזה")
    licences = part(matching.score(opening(center, licences_required=["B", "מלגזה"]), profile), "licences")
    assert licences.points == 10 and "intake" in licences.reason


def test_the_licences_of_the_profile_come_before_the_intake(center):
    profile = candidate(center, licences=["B"])
    IntakeMeetingFactory(participant=profile.participant, licences="רישיון מלגזה")
    assert part(matching.score(opening(center, licences_required=["מלגזה"]), profile), "licences").points == -15


# Education through the table.

@pytest.mark.parametrize(("text", "level"), [
    ("לא סיים תיכון", EducationLevel.PARTIAL_SECONDARY), ('סיימה תיכון, י"ב', EducationLevel.SECONDARY),
    ("בגרות מלאה", EducationLevel.MATRICULATION), ("הנדסאית חשמל", EducationLevel.VOCATIONAL),
    ("בית ספר יסודי", EducationLevel.ELEMENTARY), ("ללא השכלה פורמלית", EducationLevel.NONE),
    ("B.A. in economics", EducationLevel.ACADEMIC), ("לימודים בחו״ל", None),
])
def test_education_words_read_as_levels(text, level):
    assert qualifications.education_from_text(text) == level


def test_education_from_the_intake_counts_where_the_profile_holds_the_default(center):
    profile = candidate(center)  # education_level left at the default, full secondary
    IntakeMeetingFactory(participant=profile.participant, education="תואר ראשון בחינוך")
    education = part(matching.score(opening(center, education_required=EducationLevel.ACADEMIC), profile),
                     "education")
    assert education.points == 10 and "intake" in education.reason


def test_an_education_level_a_worker_set_comes_before_the_intake(center):
    profile = candidate(center, education_level=EducationLevel.ELEMENTARY)
    IntakeMeetingFactory(participant=profile.participant, education="תואר ראשון בחינוך")
    education = part(matching.score(opening(center, education_required=EducationLevel.ACADEMIC), profile),
                     "education")
    assert education.points == -10 and "intake" not in education.reason


def test_the_opening_page_shows_the_vehicle_requirement_and_its_form_asks_for_it(client, staff, center):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    job = opening(center, vehicle_required=True)
    candidate(center, has_vehicle=False)
    page = client.get(f"/employers/openings/{job.pk}/").content.decode()
    assert "רכב משלו/ה" in page and "המשרה דורשת רכב משלו/ה; אין לו/ה רכב" in page
    assert 'name="vehicle_required"' in client.get(f"/employers/openings/{job.pk}/edit/").content.decode()
