import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from hizdamnut import bulk
from hizdamnut.bulk import check_rows, problem, save_all_or_nothing
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import normalize_israeli_id
from hizdamnut.plans import services
from hizdamnut.plans.models import Attendance, MeetingKind, NoteKind

COLUMNS = ["id_number", "staff_username", "kind", "starts_at", "duration_minutes", "attendance"]
OPTIONAL = ["next_meeting_at", "note"]


def parse_datetime(text):
    """YYYY-MM-DD HH:MM (or with a T), in the center's local time."""
    if not text:
        return None
    value = datetime.datetime.fromisoformat(text.replace(" ", "T", 1))
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class Command(bulk.ImportCommand):
    help = (
        "Record past meetings from a CSV or XLSX file (all or nothing). Columns: " + ", ".join(COLUMNS)
        + "; optional: " + ", ".join(OPTIONAL) + f". kind: {', '.join(MeetingKind.values)}; attendance: "
        + ", ".join(Attendance.values) + ". A note is a team note (therapeutic notes are written in the app)."
    )

    columns = COLUMNS
    as_user_help = "the staff username the meetings are recorded as"

    def run(self, rows, actor, **options):
        User = get_user_model()
        visible = Participant.objects.for_user(actor)
        people = {p.id_number: p for p in visible.filter(
            id_number__in=[normalize_israeli_id(r.get("id_number", "")) for r in rows])}
        staff = {u.username: u for u in User.objects.filter(username__in=[r.get("staff_username") for r in rows])
                 .select_related("staff")}

        def parse(row, number, problems):
            fields = {}
            participant = people.get(normalize_israeli_id(row.get("id_number", "")))
            if participant is None:
                problems.append(problem(number, "id_number", "no participant with this ID number at your centers"))
            fields["participant"] = participant
            worker = staff.get(row.get("staff_username", ""))
            if worker is None:
                problems.append(problem(number, "staff_username", f"unknown user “{row.get('staff_username', '')}”"))
            fields["staff"] = worker
            if row.get("kind") not in MeetingKind.values:
                problems.append(problem(number, "kind", f"use one of {', '.join(MeetingKind.values)}"))
            fields["kind"] = row.get("kind")
            if row.get("attendance") not in Attendance.values:
                problems.append(problem(number, "attendance", f"use one of {', '.join(Attendance.values)}"))
            fields["attendance"] = row.get("attendance")
            fields.update(bulk.parse_columns(row, number, problems, ("starts_at", "next_meeting_at"), parse_datetime,
                                             hint="use YYYY-MM-DD HH:MM", required=["starts_at"]))
            try:
                fields["duration_minutes"] = int(row.get("duration_minutes") or 0)
                if fields["duration_minutes"] <= 0:
                    raise ValueError
            except ValueError:
                problems.append(problem(number, "duration_minutes", "use a whole number of minutes above 0"))
            fields["note"] = row.get("note", "")
            fields["note_kind"] = NoteKind.TEAM
            return fields

        parsed = check_rows(self, rows, parse)
        save_all_or_nothing(self, parsed, lambda fields: services.record_meeting(actor=actor, **fields))
        self.stdout.write(self.style.SUCCESS(f"Recorded {len(parsed)} meetings."))
