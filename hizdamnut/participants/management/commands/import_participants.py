
from hizdamnut import bulk
from hizdamnut.bulk import parse_date, parse_flag, problem
from hizdamnut.centers.validators import birth_date_error
from hizdamnut.participants import services
from hizdamnut.participants.models import Gender, Participant
from hizdamnut.participants.validators import israeli_id_is_valid, normalize_israeli_id

COLUMNS = ["center_code", "first_name", "last_name", "id_number", "birth_date", "phone", "city"]
OPTIONAL = ["gender", "languages", "children_under_18", "single_parent", "has_welfare_file", "welfare_file_since",
            "welfare_file_last_active", "email"]


class Command(bulk.ImportCommand):
    help = (
        "Register participants from a CSV or XLSX file (all or nothing). Columns: "
        + ", ".join(COLUMNS) + "; optional: " + ", ".join(OPTIONAL) + ". Languages are codes separated by spaces."
    )

    columns = COLUMNS
    as_user_help = "the staff username the registrations are made as"

    def run(self, rows, actor, **options):
        centers, seen_ids = bulk.CenterColumn(), {}

        def parse(row, number, problems):
            fields, row_problems = self.parse(row, number, centers)
            id_number = normalize_israeli_id(row.get("id_number", ""))
            if id_number in seen_ids:
                row_problems.append(problem(number, "id_number", f"repeats row {seen_ids[id_number]}"))
            seen_ids.setdefault(id_number, number)
            problems += row_problems
            return fields

        # Every ID is checked before anything is saved: its check digit here, and those already registered
        # in one query (not row by row while saving).
        registered = set(Participant.objects.filter(
            id_number__in=[normalize_israeli_id(row.get("id_number", "")) for row in rows]
        ).values_list("id_number", flat=True))

        def parse_and_check(row, number, problems):
            fields = parse(row, number, problems)
            id_number = normalize_israeli_id(row.get("id_number", ""))
            if not israeli_id_is_valid(id_number):
                problems.append(problem(number, "id_number", "not a valid Israeli ID number (check digit)"))
            elif id_number in registered:
                problems.append(problem(number, "id_number", "already registered"))
            error = birth_date_error(fields.get("birth_date"))
            if error:
                problems.append(problem(number, "birth_date", error))
            return fields

        parsed = bulk.check_rows(self, rows, parse_and_check)
        bulk.save_all_or_nothing(self, parsed, lambda fields: services.register_participant(actor=actor, **fields))
        self.stdout.write(self.style.SUCCESS(f"Registered {len(parsed)} participants."))

    @staticmethod
    def parse(row, number, centers):
        problems = []
        fields = {}
        center = centers.center(row, number, problems)
        fields["center"] = center
        for name in ("first_name", "last_name", "id_number", "phone", "email"):
            fields[name] = row.get(name, "")
        fields.update(bulk.parse_columns(row, number, problems, ("birth_date", "welfare_file_since",
                                         "welfare_file_last_active"), parse_date, hint="use YYYY-MM-DD",
                                         required=["birth_date"]))
        fields["city"] = bulk.row_city(row, number, problems)
        gender = row.get("gender") or Gender.UNSPECIFIED
        if gender not in Gender.values:
            problems.append(problem(number, "gender", f"use one of {', '.join(Gender.values)}"))
        fields["gender"] = gender
        fields["languages"] = (row.get("languages") or "").split()
        try:
            fields["children_under_18"] = int(row.get("children_under_18") or 0)
        except ValueError:
            problems.append(problem(number, "children_under_18", "use a whole number"))
        fields.update(bulk.parse_columns(row, number, problems, ("single_parent", "has_welfare_file"),
                                         lambda text: bool(parse_flag(text))))
        return fields, problems
