"""Rules a center may change, read from data files (dated minimum wage, placement limits)."""

import calendar
import datetime
import functools
import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def _load(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def rules():
    return _load("rules.json")


def minimum_wage_on(day):
    """The statutory minimum wage in force on `day`: (monthly, hourly, full-time hours a week).

    None before the first row of the table."""
    table = _load("minimum_wage.json")
    current = None
    for row in sorted(table["rates"], key=lambda r: r["from"]):
        if datetime.date.fromisoformat(row["from"]) <= day:
            current = row
    if current is None:
        return None
    return Decimal(current["monthly"]), Decimal(current["hourly"]), table["full_time_hours_per_week"]


def minimum_monthly_for(hours_per_week, day):
    """The legal minimum monthly wage for a job of `hours_per_week` (pro rata below full time)."""
    rate = minimum_wage_on(day)
    if rate is None or not hours_per_week:
        return None
    monthly, _hourly, full_time = rate
    share = min(Decimal(hours_per_week), Decimal(full_time)) / Decimal(full_time)
    return (monthly * share).quantize(Decimal("0.01"))


def is_below_minimum(monthly_wage, hours_per_week, day):
    minimum = minimum_monthly_for(hours_per_week, day)
    return minimum is not None and monthly_wage is not None and Decimal(monthly_wage) < minimum


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
