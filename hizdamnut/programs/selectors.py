from django.db.models import Count, Q

from hizdamnut.centers.scoping import object_or_404

from .models import Cohort, Enrollment, EnrollmentStatus, Program, Session, SessionAttendance


def catalog():
    return Program.objects.filter(is_active=True)


def cohorts_for(user, program=None):
    cohorts = Cohort.objects.for_user(user).select_related("program", "center", "facilitator").annotate(
        enrolled=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.ENROLLED), distinct=True),
        waiting=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.WAITLISTED), distinct=True),
    )
    return cohorts.filter(program=program) if program else cohorts


def cohort_page(user, pk):
    cohort = object_or_404(cohorts_for(user), pk)
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).select_related("participant").order_by("requested_at", "pk")
    )
    sessions = list(Session.objects.filter(cohort=cohort).annotate(
        present_count=Count("attendance", filter=Q(attendance__present=True))))
    return cohort, enrollments, sessions


def attendance_sheet(session):
    enrollments = list(
        Enrollment.objects.filter(
            cohort=session.cohort_id, status__in=(EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
        )
        .select_related("participant").order_by("participant__last_name", "participant__first_name")
    )
    marked = dict(SessionAttendance.objects.filter(session=session).values_list("enrollment_id", "present"))
    for enrollment in enrollments:
        enrollment.marked_present = marked.get(enrollment.pk)
    return enrollments

