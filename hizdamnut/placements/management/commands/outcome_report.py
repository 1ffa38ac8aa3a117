import json

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import add_period_arguments, period
from hizdamnut.centers.models import Center
from hizdamnut.placements.indicators import all_indicators


class Command(BaseCommand):
    help = ("Outcome indicators (docs/indicators.md) for a period: placement, retention at 3/6/12 months, advancement, "
            "wage growth, job satisfaction, income change. `value` is null where there is nothing to count.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "text"], default="text")
        add_period_arguments(parser)

    def handle(self, format, center, start, end, **options):
        start, end = period(start, end)
        centers = list(Center.objects.all())
        if center:
            centers = [c for c in centers if c.code == center.upper()]
            if not centers:
                raise CommandError(f"--center: unknown center {center!r}")
        report = {
            "period": {"from": start.isoformat(), "to": end.isoformat()},
            "indicators": [r.as_dict() for r in all_indicators(centers=centers, start=start, end=end)],
            "by_center": {
                c.code: [r.as_dict() for r in all_indicators(centers=[c], start=start, end=end)] for c in centers
            },
        }
        if format == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{start} – {end}")
        for result in report["indicators"]:
            value = "—" if result["value"] is None else result["value"]
            self.stdout.write(f"{result['code']:<18} {value!s:>10} {result['unit']:<5} "
                              f"({result['numerator']} / {result['denominator']})")
