"""The national median on a center's dashboard, without counting every other center on each request.

A center manager's dashboard shows their own center's figures, counted live, beside the national median of
each figure. The median needs every center's value; counting all of them row by row for each request made a
one-center page cost as much as the national one. Instead, `NationalFigures` keeps every center's values for a
period, counted once a day (or when first asked for): `manage.py refresh_summaries` counts the year to date,
and a center dashboard that finds no figures counted today for its period queues that count in the background
(hizdamnut/jobs' worker) and, meanwhile, shows its own figures with the median marked as being counted (it never
counts the other centers itself: at national scale that took 7 s a request). The page says at what time the
other centers' figures were counted. A population filter has its own figures, counted the same way; the
national dashboard shows every center, so it always counts live.
"""

import dataclasses
import datetime
import json

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from hizdamnut.centers.models import Center

from .indicators import INDICATORS, Filters, Scope
from .models import NationalFigures


def population_key(filters):
    """The population filters as text ("" for everyone): which figures a dashboard may read."""
    chosen = {name: value for name, value in dataclasses.asdict(filters).items()
              if name not in ("date_from", "date_to") and value not in ("", None)}
    return json.dumps(chosen, sort_keys=True) if chosen else ""


def count_national_figures(filters, today=None):
    """Counts every center's value of each figure for the filters' period and population, and keeps them."""
    today = today or timezone.localdate()
    scope = Scope(list(Center.objects.order_by("code")), filters, today=today)
    values = {indicator.code: {str(cid): result.value for cid, result in indicator.compute(scope).items()}
              for indicator in INDICATORS if indicator.available}
    figures, _created = NationalFigures.objects.update_or_create(
        date_from=filters.date_from, date_to=filters.date_to, population=population_key(filters),
        defaults={"computed_at": timezone.now(), "values": values})
    return figures


@task()
def count_national_figures_later(date_from, date_to, population):
    filters = Filters(datetime.date.fromisoformat(date_from), datetime.date.fromisoformat(date_to),
                      **json.loads(population or "{}"))
    count_national_figures(filters)


def national_figures(filters, today):
    """The other centers' figures for the dashboard's period and population, counted today, or None (then the
    caller counts them itself). Asks the worker to count them when there are none yet (at most once in ten
    minutes per period and population)."""
    population = population_key(filters)
    found = _counted_today(filters, population, today)
    key = f"national-figures:{filters.date_from}:{filters.date_to}:{population}"
    if found is None and cache.add(key.replace(" ", ""), True, 600):
        count_national_figures_later.enqueue(filters.date_from.isoformat(), filters.date_to.isoformat(), population)
        found = _counted_today(filters, population, today)  # the immediate backend (tests) has counted them
    return found


def _counted_today(filters, population, today):
    found = NationalFigures.objects.filter(date_from=filters.date_from, date_to=filters.date_to,
                                           population=population).first()
    if found and timezone.localtime(found.computed_at).date() == today:
        return found
    return None
