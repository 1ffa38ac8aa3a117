from decimal import Decimal, InvalidOperation

from hizdamnut import bulk
from hizdamnut.bulk import parse_flag, problem
from hizdamnut.training import services
from hizdamnut.training.models import Course, Funding

COLUMNS = ["center_code", "name", "field", "provider", "length_weeks"]
OPTIONAL = ["hours", "funding", "cost", "required_documents", "active"]


class Command(bulk.ImportCommand):
    help = ("Add or update vocational training courses from a CSV or XLSX file (all or nothing). Columns: "
            + ", ".join(COLUMNS) + "; optional: " + ", ".join(OPTIONAL) + ". A course is matched by center, name "
            "and provider; required documents are separated by ';'.")

    columns = COLUMNS

    def run(self, rows, actor, **options):
        centers = bulk.CenterColumn()
        parsed = bulk.check_rows(self, rows, lambda row, number, problems: self.parse(row, number, centers, problems))
        created = 0

        def save(fields):
            nonlocal created
            course = Course.objects.filter(center=fields["center"], name=fields["name"],
                                           provider=fields["provider"]).first()
            created += course is None
            services.save_course(actor=actor, course=course, **fields)

        bulk.save_all_or_nothing(self, parsed, save)
        self.stdout.write(self.style.SUCCESS(f"{created} courses added, {len(parsed) - created} updated."))

    @staticmethod
    def parse(row, number, centers, problems):
        fields = {"center": centers.center(row, number, problems)}
        for name in ("name", "field", "provider"):
            fields[name] = row.get(name, "").strip()
            if not fields[name]:
                problems.append(problem(number, name, "required"))
        for name, required in (("length_weeks", True), ("hours", False)):
            text = row.get(name, "")
            fields[name] = None
            if not text:
                if required:
                    problems.append(problem(number, name, "required"))
                continue
            try:
                fields[name] = int(text)
                if fields[name] <= 0:
                    raise ValueError
            except ValueError:
                problems.append(problem(number, name, "use a whole number above 0"))
        fields["funding"] = row.get("funding") or Funding.VOUCHER
        if fields["funding"] not in Funding.values:
            problems.append(problem(number, "funding", f"use one of {', '.join(Funding.values)}"))
        try:
            fields["cost"] = Decimal(row["cost"]) if row.get("cost") else None
        except InvalidOperation:
            problems.append(problem(number, "cost", "use a number"))
        fields["required_documents"] = [d.strip() for d in (row.get("required_documents") or "").split(";")
                                        if d.strip()]
        try:
            active = parse_flag(row.get("active", ""))
        except ValueError as exc:
            problems.append(problem(number, "active", str(exc)))
            active = None
        fields["active"] = True if active is None else active
        return fields
