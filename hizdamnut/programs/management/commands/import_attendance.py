from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import active_user, fail, parse_flag, problem, read_checked_rows, validation_problems
from hizdamnut.participants.validators import normalize_israeli_id
from hizdamnut.programs import services
from hizdamnut.programs.models import EnrollmentStatus, Session

COLUMNS = ["id_number", "present"]


class Command(BaseCommand):
    help = ("Record one session's attendance sheet from a CSV or XLSX file (all or nothing). Columns: id_number, "
            "present (1 or 0). Everyone taking part who is not in the file is marked absent.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--session", type=int, required=True, help="the session's id")
        parser.add_argument("--as-user", required=True, help="the staff username the sheet is recorded as")

    def handle(self, file, session, as_user, **options):
        actor = active_user(as_user)
        session_row = Session.objects.for_user(actor).select_related("cohort").filter(pk=session).first()
        if session_row is None:
            raise CommandError(f"--session: no session {session} at your centers")
        rows = read_checked_rows(file, COLUMNS)
        members = {
            e.participant.id_number: e.participant_id
            for e in session_row.cohort.enrollments.filter(
                status__in=(EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)).select_related("participant")
        }
        problems, present, seen = [], set(), {}
        for number, row in enumerate(rows, start=1):
            id_number = normalize_israeli_id(row.get("id_number", ""))
            if id_number not in members:
                problems.append(problem(number, "id_number", "not taking part in this cohort"))
            elif id_number in seen:
                problems.append(problem(number, "id_number", f"repeats row {seen[id_number]}"))
            seen.setdefault(id_number, number)
            try:
                flag = parse_flag(row.get("present", ""))
                if flag is None:
                    raise ValueError("use 1 or 0")
            except ValueError as exc:
                problems.append(problem(number, "present", str(exc)))
                continue
            if flag and id_number in members:
                present.add(members[id_number])
        if problems:
            fail(self, problems)
        try:
            services.record_attendance(actor=actor, session=session_row, present=present)
        except ValidationError as exc:
            fail(self, validation_problems(0, exc))
        self.stdout.write(self.style.SUCCESS(f"Attendance saved: {len(present)} present of {len(members)}."))
