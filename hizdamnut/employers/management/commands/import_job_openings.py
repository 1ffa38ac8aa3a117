from decimal import Decimal, InvalidOperation

from hizdamnut import bulk
from hizdamnut.bulk import parse_columns, parse_date, parse_flag, problem
from hizdamnut.employers import services
from hizdamnut.employers.models import EducationLevel, Employer, JobOpening, Shift, Threshold
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.models import Language

COLUMNS = ["center_code", "employer", "title", "occupation", "hours_per_week", "city"]
OPTIONAL = ["occupation_code", "positions", "shift", "hourly_wage", "address", "education_required",
            "languages_required",
            "experience_years_required", "licences_required", "skills_required", "flexible_thresholds",
            "vehicle_required", "accessible", "accessibility_notes", "status", "opened_on", "closes_on"]
EDUCATION = {level.name.lower(): level.value for level in EducationLevel}


def _codes(text, allowed, column, number, problems):
    codes = (text or "").split()
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        problems.append(problem(number, column, f"unknown {', '.join(unknown)}; use {', '.join(allowed)}"))
    return codes


def _items(text):
    return [item.strip() for item in (text or "").split(";") if item.strip()]


class Command(bulk.ImportCommand):
    help = ("Import job openings from a CSV or XLSX file (all or nothing). Columns: " + ", ".join(COLUMNS)
            + "; optional: " + ", ".join(OPTIONAL) + ". `employer` is the name of an employer already at the center; "
            "languages and flexible thresholds are codes separated by spaces; "
            "licences and skills are separated by ';'. `occupation_code` is an ISCO-08 unit group (4 digits); without "
            "it the occupation words are classified, and those not recognised wait on the employers page.")

    columns = COLUMNS
    as_user_help = "the staff username the openings are recorded as"

    def run(self, rows, actor, **options):
        centers = bulk.CenterColumn()
        parsed = bulk.check_rows(self, rows, lambda row, number, problems: self.parse(row, number, centers, problems))
        saved = []
        bulk.save_all_or_nothing(self, parsed,
                                 lambda fields: saved.append(services.save_opening(actor=actor, **fields)))
        self.stdout.write(self.style.SUCCESS(f"Imported {len(parsed)} job openings."))
        unrecognised = [o for o in saved if o.occupation_unit_id is None]
        if unrecognised:
            self.stdout.write(f"{len(unrecognised)} occupations not recognised (confirm them on the employers page): "
                              + ", ".join(sorted({o.occupation for o in unrecognised})))

    @staticmethod
    def parse(row, number, centers, problems):
        fields = {}
        center = centers.center(row, number, problems)
        employer = None
        if center is not None:
            employer = Employer.objects.filter(center=center, name=row.get("employer", "").strip()).first()
        if center is not None and employer is None:
            problems.append(problem(number, "employer", f"no employer “{row.get('employer', '')}” at {center.code}"))
        fields["employer"] = employer
        for name in ("title", "occupation"):
            fields[name] = row.get(name, "").strip()
            if not fields[name]:
                problems.append(problem(number, name, "required"))
        code = row.get("occupation_code", "").strip()
        if code:
            fields["occupation_unit"] = Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).first()
            if fields["occupation_unit"] is None:
                problems.append(problem(number, "occupation_code", f"{code} is not an ISCO-08 unit group"))
        for name, default in (("hours_per_week", None), ("positions", 1), ("experience_years_required", 0)):
            text = row.get(name, "")
            if not text:
                if default is None:
                    problems.append(problem(number, name, "required"))
                fields[name] = default
                continue
            try:
                fields[name] = int(text)
                if fields[name] < 0:
                    raise ValueError
            except ValueError:
                problems.append(problem(number, name, "use a whole number"))
        if fields.get("hours_per_week") is not None and not 1 <= fields["hours_per_week"] <= 70:
            problems.append(problem(number, "hours_per_week", "use 1 to 70"))
        fields["city"] = bulk.row_city(row, number, problems)
        fields["address"] = row.get("address", "")
        fields["shift"] = row.get("shift") or Shift.DAY
        if fields["shift"] not in Shift.values:
            problems.append(problem(number, "shift", f"use one of {', '.join(Shift.values)}"))
        fields["status"] = row.get("status") or JobOpening.Status.OPEN
        if fields["status"] not in JobOpening.Status.values:
            problems.append(problem(number, "status", f"use one of {', '.join(JobOpening.Status.values)}"))
        wage = row.get("hourly_wage", "")
        try:
            fields["hourly_wage"] = Decimal(wage) if wage else None
        except InvalidOperation:
            problems.append(problem(number, "hourly_wage", "use a number"))
        education = (row.get("education_required") or "none").lower()
        if education not in EDUCATION:
            problems.append(problem(number, "education_required", f"use one of {', '.join(EDUCATION)}"))
        fields["education_required"] = EDUCATION.get(education, 0)
        fields["languages_required"] = _codes(row.get("languages_required"), Language.values, "languages_required",
                                              number, problems)
        fields["flexible_thresholds"] = _codes(row.get("flexible_thresholds"), Threshold.values, "flexible_thresholds",
                                               number, problems)
        fields["licences_required"] = _items(row.get("licences_required"))
        fields["skills_required"] = _items(row.get("skills_required"))
        fields.update(parse_columns(row, number, problems, ["vehicle_required", "accessible"],
                                    lambda text: bool(parse_flag(text))))
        fields["accessibility_notes"] = row.get("accessibility_notes", "")
        fields.update(parse_columns(row, number, problems, ("opened_on", "closes_on"), parse_date,
                                    hint="use YYYY-MM-DD"))
        if fields.get("opened_on") and fields.get("closes_on") and fields["closes_on"] < fields["opened_on"]:
            problems.append(problem(number, "closes_on", "before opened_on"))
        return fields
