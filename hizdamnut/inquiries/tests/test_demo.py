"""The demo builders for directory, inquiries and intake."""

import datetime

import pytest

from hizdamnut.centers.tests.module_data import built_once_per_module
from hizdamnut.demo.core import seed
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import Inquiry, InquiryStatus, InquiryStatusChange
from hizdamnut.intake.models import IntakeMeeting, Referral, RoutingDecision

TODAY = datetime.date(2026, 6, 1)


def _demo():
    return seed(centers=2, participants=80, random_seed=3, today=TODAY)


demo = built_once_per_module(_demo)
pytestmark = pytest.mark.django_db


def test_demo_has_inquiries_in_every_status(demo):
    assert set(Inquiry.objects.values_list("status", flat=True)) == set(InquiryStatus.values)


def test_demo_inquiries_span_about_eighteen_months(demo):
    oldest = Inquiry.objects.order_by("received_on").first().received_on
    assert (TODAY - oldest).days > 365
    assert not Inquiry.objects.filter(received_on__gt=TODAY).exists()


def test_some_demo_inquiries_are_just_a_name_and_phone(demo):
    assert Inquiry.objects.filter(participant__isnull=True).exclude(phone="").exists()


def test_every_demo_status_has_its_history(demo):
    for inquiry in Inquiry.objects.all():
        assert InquiryStatusChange.objects.filter(inquiry=inquiry).order_by("changed_on", "pk").last().status \
            == inquiry.status


def test_routed_demo_participants_have_a_meeting_and_a_decision(demo):
    routed = Inquiry.objects.filter(status=InquiryStatus.ROUTED)
    assert RoutingDecision.objects.count() == routed.count() > 0
    assert IntakeMeeting.objects.count() >= routed.count()


def test_demo_referrals_use_the_directory(demo):
    assert Referral.objects.count() == Inquiry.objects.filter(status=InquiryStatus.REFERRED_OUT).count()
    assert CommunityService.objects.filter(center__isnull=False).count() == 2
