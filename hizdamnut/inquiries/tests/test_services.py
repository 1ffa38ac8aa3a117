import datetime

import pytest
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.inquiries import services
from hizdamnut.inquiries.eligibility import Applicant
from hizdamnut.inquiries.models import Channel, Decision, InquiryStatus, Source
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

from .factories import CategoryFactory, InquiryFactory, category_tree

TODAY = datetime.date.today()


@pytest.fixture
def tree(db):
    return category_tree()


def record(actor, center, tree, **overrides):
    fields = {"received_on": TODAY, "source": Source.SELF, "channel": Channel.PHONE, "category": tree,
              "first_name": "סמאח", "phone": "0541234567"}
    fields.update(overrides)
    return services.record_inquiry(actor=actor, center=center, **fields)


def test_record_inquiry_starts_new_with_its_history(coordinator, center, tree):
    inquiry = record(coordinator, center, tree)
    assert inquiry.status == InquiryStatus.NEW
    assert list(inquiry.status_changes.values_list("status", "changed_on")) == [("new", TODAY)]


def test_inquiry_cannot_be_dated_in_the_future(coordinator, center, tree):
    with pytest.raises(ValidationError) as exc:
        record(coordinator, center, tree, received_on=TODAY + datetime.timedelta(days=1))
    assert "received_on" in exc.value.message_dict


def test_subcategory_must_belong_to_the_category(coordinator, center, tree):
    other = CategoryFactory(code="information")
    with pytest.raises(ValidationError) as exc:
        record(coordinator, center, other, subcategory=tree.children.first())
    assert "subcategory" in exc.value.message_dict


def test_category_must_be_a_main_reason(coordinator, center, tree):
    with pytest.raises(ValidationError) as exc:
        record(coordinator, center, tree.children.first())
    assert "category" in exc.value.message_dict


def test_welfare_referral_keeps_department_and_worker(coordinator, center, tree):
    inquiry = record(coordinator, center, tree, source=Source.WELFARE_REFERRAL, referring_department="לשכה מזרח",
                     referring_worker="רונית")
    assert (inquiry.referring_department, inquiry.referring_worker) == ("לשכה מזרח", "רונית")


def test_other_sources_drop_referral_details(coordinator, center, tree):
    inquiry = record(coordinator, center, tree, source=Source.FRIEND, referring_department="לשכה")
    assert inquiry.referring_department == ""


def test_worker_cannot_record_an_inquiry_at_another_center(coordinator, other_center, tree):
    with pytest.raises(ValidationError):
        record(coordinator, other_center, tree)


def test_national_viewer_cannot_record(staff, center, tree):
    with pytest.raises(ValidationError):
        record(staff(Role.NATIONAL_VIEWER, centers=[]), center, tree)


def test_participant_of_another_center_cannot_be_linked(coordinator, center, other_center, tree):
    with pytest.raises(ValidationError) as exc:
        record(coordinator, center, tree, participant=ParticipantFactory(center=other_center))
    assert "participant" in exc.value.message_dict


def test_status_change_keeps_when_each_status_was_reached(coordinator, center, tree):
    inquiry = record(coordinator, center, tree)
    services.change_inquiry_status(inquiry=inquiry, status=InquiryStatus.UNREACHABLE, actor=coordinator,
                                   note="שלוש שיחות ללא מענה")
    assert list(inquiry.status_changes.values_list("status", flat=True)) == ["new", "unreachable"]
    assert inquiry.status_changed_at is not None


def test_a_routed_inquiry_cannot_go_back_to_new(coordinator, center):
    inquiry = InquiryFactory(center=center, status=InquiryStatus.ROUTED)
    with pytest.raises(ValidationError) as exc:
        services.change_inquiry_status(inquiry=inquiry, status=InquiryStatus.NEW, actor=coordinator)
    assert "status" in exc.value.message_dict


def test_schedule_intake_sets_the_date_and_status(coordinator, center):
    inquiry = InquiryFactory(center=center, status=InquiryStatus.SCREENED)
    services.schedule_intake(inquiry=inquiry, on=TODAY + datetime.timedelta(days=3), actor=coordinator)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INTAKE_SCHEDULED
    assert inquiry.intake_scheduled_on == TODAY + datetime.timedelta(days=3)


def eligible_applicant(center):
    return Applicant(birth_date=datetime.date(1985, 1, 1), city=center.city,
                     welfare_file_last_active=TODAY - datetime.timedelta(days=10))


def test_eligible_screening_moves_the_inquiry_to_screened(coordinator, center):
    inquiry = InquiryFactory(center=center)
    screening = services.screen_inquiry(inquiry=inquiry, applicant=eligible_applicant(center), actor=coordinator)
    inquiry.refresh_from_db()
    assert (screening.decision, inquiry.status) == (Decision.ELIGIBLE, InquiryStatus.SCREENED)
    assert screening.rules_version and len(screening.reasons) == 4


def test_not_eligible_screening_closes_the_inquiry_as_not_eligible(coordinator, center):
    inquiry = InquiryFactory(center=center)
    applicant = eligible_applicant(center)
    applicant.birth_date = TODAY.replace(year=TODAY.year - 17)
    services.screen_inquiry(inquiry=inquiry, applicant=applicant, actor=coordinator)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NOT_ELIGIBLE


def test_override_needs_a_reason(coordinator, center):
    inquiry = InquiryFactory(center=center)
    screening = services.screen_inquiry(inquiry=inquiry, applicant=eligible_applicant(center), actor=coordinator)
    with pytest.raises(ValidationError) as exc:
        services.override_screening(screening=screening, decision=Decision.NOT_ELIGIBLE, reason=" ", actor=coordinator)
    assert "override_reason" in exc.value.message_dict


def test_override_to_eligible_reopens_a_not_eligible_inquiry(coordinator, center):
    inquiry = InquiryFactory(center=center)
    applicant = eligible_applicant(center)
    applicant.welfare_file_last_active = None
    screening = services.screen_inquiry(inquiry=inquiry, applicant=applicant, actor=coordinator)
    services.override_screening(screening=screening, decision=Decision.ELIGIBLE, reason="אושר בוועדה",
                                actor=coordinator)
    inquiry.refresh_from_db()
    screening.refresh_from_db()
    assert (screening.final_decision, screening.override_reason, inquiry.status) == (
        Decision.ELIGIBLE, "אושר בוועדה", InquiryStatus.SCREENED)


def test_register_from_inquiry_links_the_new_participant(coordinator, center):
    inquiry = InquiryFactory(center=center)
    participant = services.register_from_inquiry(
        inquiry=inquiry, actor=coordinator, first_name="דנה", last_name="לוי", id_number=valid_id_number(42),
        birth_date=datetime.date(1990, 1, 1), phone="0521234567", city=center.city,
    )
    inquiry.refresh_from_db()
    assert inquiry.participant == participant
    assert Participant.objects.count() == 1


def test_an_inquiry_is_registered_only_once(coordinator, center):
    inquiry = InquiryFactory(center=center, participant=ParticipantFactory(center=center))
    with pytest.raises(ValidationError):
        services.register_from_inquiry(inquiry=inquiry, actor=coordinator, first_name="דנה")


def test_load_categories_is_idempotent(db):
    data = [{"code": "job_search", "label_he": "חיפוש עבודה", "label_en": "Job search",
             "subcategories": [{"code": "cv_help", "label_he": "עזרה בקורות חיים", "label_en": "Help with a CV"}]},
            {"code": "information", "label_he": "מידע", "label_en": "Information", "subcategories": []}]
    services.load_categories(data)
    data[0]["label_he"] = "חיפוש עבודה חדש"
    services.load_categories(data)
    from hizdamnut.inquiries.models import InquiryCategory

    assert InquiryCategory.objects.count() == 3
    assert InquiryCategory.objects.get(code="job_search").label_he == "חיפוש עבודה חדש"
    assert InquiryCategory.objects.get(code="cv_help").parent.code == "job_search"


def region_applicant(center):
    from hizdamnut.centers.models import City

    applicant = eligible_applicant(center)
    applicant.city = City.objects.filter(region=center.region).exclude(pk=center.city_id).first()
    return applicant


def test_only_a_manager_approves_past_the_region_cap(coordinator, staff, center):
    inquiry = InquiryFactory(center=center)
    ParticipantFactory(center=center, city=region_applicant(center).city)
    screening = services.screen_inquiry(inquiry=inquiry, applicant=region_applicant(center), actor=coordinator)
    assert screening.decision == Decision.NEEDS_APPROVAL
    with pytest.raises(ValidationError) as exc:
        services.override_screening(screening=screening, decision=Decision.ELIGIBLE, reason="מקרה חריג",
                                    actor=coordinator)
    assert "override_decision" in exc.value.message_dict
    services.override_screening(screening=screening, decision=Decision.ELIGIBLE, reason="מקרה חריג",
                                actor=staff(Role.MANAGER))
    assert screening.final_decision == Decision.ELIGIBLE


def test_status_reached_on_gives_the_first_date_of_each_status(coordinator, center):
    from hizdamnut.inquiries.models import Inquiry
    from hizdamnut.inquiries.selectors import status_reached_on

    inquiry = InquiryFactory(center=center, received_on=TODAY - datetime.timedelta(days=5))
    services.change_inquiry_status(inquiry=inquiry, status=InquiryStatus.SCREENED, actor=coordinator,
                                   on=TODAY - datetime.timedelta(days=3))
    reached = status_reached_on(Inquiry.objects.all())[inquiry.pk]
    assert reached == {"new": TODAY - datetime.timedelta(days=5), "screened": TODAY - datetime.timedelta(days=3)}
