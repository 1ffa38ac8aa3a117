import datetime

import pytest

from hizdamnut.demo.core import seed
from hizdamnut.plans.models import Meeting, Note, NoteKind, SkillAssessment
from hizdamnut.programs.models import Enrollment, EnrollmentStatus, SessionAttendance


@pytest.mark.django_db
def test_demo_builds_accompaniment_and_programs():
    ctx = seed(centers=1, participants=40, random_seed=5, today=datetime.date(2026, 6, 1))
    assert Meeting.objects.exists()
    assert Note.objects.filter(kind=NoteKind.THERAPEUTIC).exists() and Note.objects.filter(kind=NoteKind.TEAM).exists()
    assert SkillAssessment.objects.exists()
    assert Enrollment.objects.filter(status=EnrollmentStatus.ENROLLED).exists()
    assert SessionAttendance.objects.exists()
    active = [p for p in ctx.participants if p.status == "active"]
    assert active and all(p.case_worker_id for p in active)
