import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.training import services
from hizdamnut.training.tests.factories import CourseFactory, TrainingApplicationFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def coordinator_user(staff):
    return staff(Role.TRAINING_COORDINATOR, username="trainer")


@pytest.fixture
def application(center):
    return TrainingApplicationFactory(course=CourseFactory(center=center))


def test_submitting_needs_every_required_document(coordinator_user, application):
    with pytest.raises(ValidationError) as error:
        services.move_application(actor=coordinator_user, application=application, status="submitted")
    assert "documents_received" in error.value.message_dict
    services.set_documents(actor=coordinator_user, application=application, received=["תעודת זהות", "אישור השכלה"])
    services.move_application(actor=coordinator_user, application=application, status="submitted")
    assert application.status == "submitted" and application.submitted_on == TODAY


def test_voucher_follows_its_road_to_completion(coordinator_user, application):
    services.set_documents(actor=coordinator_user, application=application,
                           received=application.course.required_documents)
    for status in ["submitted", "approved", "enrolled", "completed"]:
        services.move_application(actor=coordinator_user, application=application, status=status)
    assert application.status == "completed" and application.ended_on == TODAY


def test_a_draft_cannot_be_approved(coordinator_user, application):
    with pytest.raises(ValidationError) as error:
        services.move_application(actor=coordinator_user, application=application, status="approved")
    assert "status" in error.value.message_dict


def test_declining_needs_a_reason(coordinator_user, application):
    services.set_documents(actor=coordinator_user, application=application,
                           received=application.course.required_documents)
    services.move_application(actor=coordinator_user, application=application, status="submitted")
    with pytest.raises(ValidationError) as error:
        services.move_application(actor=coordinator_user, application=application, status="declined")
    assert "reason" in error.value.message_dict


def test_only_required_documents_can_be_ticked(coordinator_user, application):
    with pytest.raises(ValidationError):
        services.set_documents(actor=coordinator_user, application=application, received=["דרכון"])


def test_applying_for_another_centers_course_is_refused(coordinator_user, center, other_center):
    with pytest.raises(ValidationError) as error:
        services.apply(actor=coordinator_user, participant=ParticipantFactory(center=center),
                       course=CourseFactory(center=other_center))
    assert "course" in error.value.message_dict


def test_deadline_is_the_submission_date_for_a_draft_and_passed_once_behind(application):
    application.submit_by = TODAY - datetime.timedelta(days=1)
    assert application.deadline == application.submit_by and application.deadline_passed


def test_coordinator_page_shows_deadlines(client, coordinator_user, application, django_assert_max_num_queries):
    application.submit_by = TODAY + datetime.timedelta(days=3)
    application.save()
    client.force_login(coordinator_user)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("training:list")).content.decode()
    assert application.participant.full_name in body


def test_another_centers_application_is_404(client, coordinator_user, other_center):
    foreign = TrainingApplicationFactory(course=CourseFactory(center=other_center))
    client.force_login(coordinator_user)
    assert client.get(reverse("training:application", args=[foreign.pk])).status_code == 404
    assert client.get(f"/api/v1/training/applications/{foreign.pk}").status_code == 404
    response = client.post(f"/api/v1/training/applications/{foreign.pk}/move", json.dumps({"status": "submitted"}),
                           content_type="application/json")
    assert response.status_code == 404


def test_api_lists_only_own_centers_courses(client, coordinator_user, center, other_center):
    mine = CourseFactory(center=center)
    CourseFactory(center=other_center)
    client.force_login(coordinator_user)
    assert [c["id"] for c in client.get("/api/v1/training/courses").json()["items"]] == [mine.pk]


def test_checklist_and_status_through_the_page(client, coordinator_user, application):
    client.force_login(coordinator_user)
    url = reverse("training:application", args=[application.pk])
    client.post(url, {"action": "documents", "documents": application.course.required_documents})
    client.post(url, {"status": "submitted"})
    application.refresh_from_db()
    assert application.status == "submitted" and application.missing_documents == []


def test_adding_a_course_and_an_application_through_the_pages(client, coordinator_user, center):
    client.force_login(coordinator_user)
    client.post(reverse("training:course_create"), {
        "center": center.pk, "name": "מלגזה", "field": "לוגיסטיקה", "provider": "מכללה", "length_weeks": 3,
        "funding": "voucher", "required_documents": "תעודת זהות, רישיון נהיגה", "active": "on"})
    from hizdamnut.training.models import Course
    course = Course.objects.get(name="מלגזה")
    assert course.required_documents == ["תעודת זהות", "רישיון נהיגה"]
    participant = ParticipantFactory(center=center)
    response = client.post(reverse("training:application_create"), {"participant": participant.pk, "course": course.pk})
    assert response.status_code == 302 and participant.training_applications.get().status == "draft"
