
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import active_user, write_report
from hizdamnut.participants.models import Participant
from hizdamnut.participants.privacy import export_participant
from hizdamnut.participants.validators import normalize_israeli_id
from hizdamnut.reports.participant_record import FORMATS, render


class Command(BaseCommand):
    help = ("Everything held about one participant (right of access), found by ID number, as JSON or PDF. The "
            "export is written to the audit log in the name of --as-user, who must be a manager or the "
            "participant's center coordinator.")

    def add_arguments(self, parser):
        parser.add_argument("id_number")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--as-user", required=True, help="the staff member asking for the export")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, id_number, format, as_user, output=None, **options):
        actor = active_user(as_user)
        participant = Participant.objects.for_user(actor).filter(id_number=normalize_israeli_id(id_number)).first()
        if participant is None:
            raise CommandError(f"No participant with ID number {id_number} at {as_user}'s centers.")
        try:
            record = export_participant(actor=actor, participant=participant, file_format=format)
        except PermissionDenied as exc:
            raise CommandError(f"{as_user}'s role may not export a participant's record.") from exc
        content, _content_type = render(record, format)
        write_report(self, content.decode() if format == "json" and not output else content, output, announce=True)
