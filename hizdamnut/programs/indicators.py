"""Indicators of programs: participants by program, and the enrollments that count as taking part (which
population filters read too).

The breakdown follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from django.db.models import Count, Q

from hizdamnut.centers.indicators import count_by

from .models import Enrollment

COUNTED_ENROLLMENTS = ("enrolled", "completed", "dropped")  # joined the group (not waiting, not withdrawn)
# There is no "released prisoner" field in intake: an enrollment in the released-prisoners track stands for it,
# with the intake barrier "criminal_record" (see docs/indicators.md).
RELEASED_PRISONERS_PROGRAM = "released-prisoners"


def counted_enrollments():
    return Enrollment.objects.filter(status__in=COUNTED_ENROLLMENTS)


def participants_by_program(scope):
    """{center_id: {program id: participants}} who were in a group of the program during the period."""
    # Narrowed by the enrollment's own participant column: a population found once is compared with it, not
    # looked up among the participants again (released prisoners nationally: 0.23 → 0.08 s).
    rows = (
        scope.narrowed(counted_enrollments(), "participant")
        .filter(participant__center_id__in=scope.center_ids, enrolled_on__lte=scope.date_to)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=scope.date_from))
        .values_list("participant__center_id", "cohort__program_id").annotate(n=Count("participant", distinct=True))
        .order_by()
    )
    return count_by(rows, scope.center_ids, [])
