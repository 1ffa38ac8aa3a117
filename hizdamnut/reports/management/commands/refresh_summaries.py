import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Min
from django.utils import timezone

from hizdamnut.centers import summaries
from hizdamnut.centers.models import Center, DaysFigure
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.participants.models import StatusChange
from hizdamnut.reports.indicators import SEGMENTS, Filters, Scope, program_segments
from hizdamnut.reports.medians import count_national_figures


class Command(BaseCommand):
    help = ("Counts the summary tables' stale months ahead of time: every month from the first record (or --since) "
            "to this one, for every center (or --center CODE, repeatable). The dashboard counts a stale month "
            "itself when it needs it; run this after a bulk load (seed_demo --scale, a restore), so the first "
            "dashboard is quick. Besides each center's whole population it builds the segments that filtered "
            "dashboards read: by gender, single parents, disability, released prisoners and each program people take "
            "part in (--whole-population-only skips them). --rebuild counts "
            "every month again, stale or not. Then counts every center's figures of the year to date, which the "
            "center dashboards' national median reads, and forgets the figures kept for days of months that have "
            "ended (a period that ends inside one counts its days again when asked; run it nightly).")

    def add_arguments(self, parser):
        parser.add_argument("--center", action="append", default=[], help="a center's code (default: all)")
        parser.add_argument("--since", type=datetime.date.fromisoformat, help="first month (YYYY-MM-DD)")
        parser.add_argument("--rebuild", action="store_true", help="count every month again")
        parser.add_argument("--whole-population-only", action="store_true",
                            help="skip the segments (gender, single parents, disability, released prisoners, "
                                 "programs) that filtered dashboards read")

    def handle(self, *args, center, since, rebuild, whole_population_only=False, verbosity=1, **options):
        centers = list(Center.objects.order_by("code"))
        if center:
            unknown = sorted(set(center) - {c.code for c in centers})
            if unknown:
                raise CommandError(f"--center: no center with the code {', '.join(unknown)}.")
            centers = [c for c in centers if c.code in center]
        today = timezone.localdate()
        since = since or min(filter(None, (StatusChange.objects.aggregate(day=Min("changed_on"))["day"],
                                           Inquiry.objects.aggregate(day=Min("received_on"))["day"])), default=today)
        months = summaries.months_between(since, today)
        if rebuild:
            summaries.SummaryMonth.objects.filter(center__in=centers, month__in=months).update(built_version=None)
            DaysFigure.objects.filter(center__in=centers).delete()
        populations = [{}] if whole_population_only else [{}, *SEGMENTS, *program_segments()]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), disable=verbosity < 1)
        built = 0
        with progress:
            for population in populations:
                scope = Scope(centers, Filters(months[0], today, **population), today=today)
                task = progress.add_task(scope.segment or "months", total=len(months))
                built += summaries.build_all(centers, months, scope.summaries.raw_scope,
                                             progress=lambda month, task=task: progress.advance(task),
                                             segment=scope.segment)
        self.stdout.write(f"{built} center-months counted ({len(centers)} centers, {len(months)} months, "
                          f"from {months[0]:%Y-%m}; the whole population and {len(populations) - 1} segments).")
        count_national_figures(Filters(today.replace(month=1, day=1), today), today=today)
        self.stdout.write(f"National figures of {today:%Y} to date counted.")
        forgotten, _by_model = DaysFigure.objects.filter(last_day__lt=today.replace(day=1)).delete()
        self.stdout.write(f"{forgotten} figures of days of past months forgotten.")
