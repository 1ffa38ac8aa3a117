"""Eligibility screening: the rules are data (rules/eligibility.json); this module only applies them.

Rules (seed: the implementation guide, "אוכלוסיית היעד"):
- working age, inclusive at both ends (default 18–67);
- welfare affiliation: a social-services file active within the last N years (the same calendar day N
  years back still counts), or a welfare profile — at least one of the eight criteria;
- residence: residents of the center's city first; region residents are capped at a share of the center's
  current participants in the year — past the cap the answer is "needs manager approval";
  residents outside the region are not eligible.

A flag is True, False or None (unknown). Unknown never satisfies a criterion and never excludes.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from hizdamnut.participants.models import JourneyStatus, Participant, age_on

RULES_FILE = Path(__file__).resolve().parent / "rules" / "eligibility.json"

ELIGIBLE, NOT_ELIGIBLE, NEEDS_APPROVAL = "eligible", "not_eligible", "needs_approval"
PASS, FAIL, APPROVAL, INFO = "pass", "fail", "approval", "info"
FLAG_FIELDS = (
    "low_stability", "underemployed", "multiple_barriers", "acute_crisis", "long_unemployed",
    "disability_served_elsewhere", "excluded_population", "other_state_service",
)


@cache
def load_rules(path=RULES_FILE):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def criterion_label(item):
    """A rule's label in the current language (the rules file holds both)."""
    return item["label_en"] if translation.get_language() == "en" else item["label_he"]


@dataclass
class Applicant:
    birth_date: datetime.date
    city: object  # centers.City or None
    welfare_file_last_active: datetime.date | None = None
    low_stability: bool | None = None
    underemployed: bool | None = None
    multiple_barriers: bool | None = None
    acute_crisis: bool | None = None
    long_unemployed: bool | None = None
    disability_percent: int | None = None
    disability_served_elsewhere: bool | None = None
    excluded_population: bool | None = None
    other_state_service: bool | None = None

    def answers(self):
        data = {name: getattr(self, name) for name in FLAG_FIELDS}
        data.update(
            birth_date=self.birth_date.isoformat(),
            city=self.city.name_he if self.city else None,
            city_id=self.city.pk if self.city else None,
            welfare_file_last_active=(
                self.welfare_file_last_active.isoformat() if self.welfare_file_last_active else None
            ),
            disability_percent=self.disability_percent,
        )
        return data


@dataclass
class Result:
    decision: str
    reasons: list = field(default_factory=list)  # every rule's finding, in rule order (see `reason`)
    rules_version: str = ""


@dataclass
class RegionLoad:
    """The center's current participants in the year and how many of them live in the region (not the city)."""

    participants: int
    region_residents: int


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def region_load(center, year):
    """The center's current participants (not closed, registered by the end of `year`) and the region's part."""
    current = Participant.objects.filter(center=center, created_at__year__lte=year).exclude(
        status=JourneyStatus.CLOSED
    )
    return RegionLoad(
        participants=current.count(),
        region_residents=current.filter(city__region_id=center.region_id).exclude(city_id=center.city_id).count(),
    )


def profile_criteria_met(applicant, rules):
    """Codes of the welfare-profile criteria the applicant meets (unknown answers never count)."""
    met = []
    for code in ("low_stability", "underemployed", "multiple_barriers", "acute_crisis", "long_unemployed"):
        if getattr(applicant, code) is True:
            met.append(code)
    minimum = rules["welfare_profile"]["disability_min_percent"]
    if (
        applicant.disability_percent is not None
        and applicant.disability_percent >= minimum
        and applicant.disability_served_elsewhere is False
    ):
        met.append("disability")
    if applicant.excluded_population is True:
        met.append("excluded_population")
    if applicant.other_state_service is False:
        met.append("no_other_state_service")
    return met


def share(part, whole):
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reason(rule, outcome, message, **params):
    """One finding: `message` is an English msgid with %(name)s placeholders, translated when shown."""
    return {"rule": rule, "outcome": outcome, "message": message,
            "params": {k: str(v) for k, v in params.items()}}


def reason_text(finding):
    """A finding in the current language (criteria codes become the rules file's labels)."""
    params = dict(finding["params"])
    if "criteria" in params:
        labels = {item["code"]: criterion_label(item) for item in load_rules()["welfare_profile"]["criteria"]}
        params["criteria"] = "; ".join(labels.get(code, code) for code in params["criteria"].split(","))
    return gettext(finding["message"]) % params


def reason_line(finding):
    """A finding as one stable English line, `rule: text` (the command's JSON output)."""
    with translation.override("en"):
        return f"{finding['rule']}: {reason_text(finding)}"


def screen(applicant, *, center, on, load, rules=None):
    """Applies every rule and returns the decision with one finding per rule (nothing is saved)."""
    rules = rules or load_rules()
    reasons = []

    low, high = rules["age"]["min"], rules["age"]["max"]
    age = age_on(applicant.birth_date, on)
    if low <= age <= high:
        reasons.append(reason("age", PASS, gettext_noop("age %(age)s is within the working age %(low)s–%(high)s"),
                              age=age, low=low, high=high))
    else:
        reasons.append(reason("age", FAIL, gettext_noop("age %(age)s is outside the working age %(low)s–%(high)s"),
                              age=age, low=low, high=high))

    years = rules["welfare_file"]["active_within_years"]
    since = years_before(on, years)
    last_active = applicant.welfare_file_last_active
    has_file = bool(last_active and since <= last_active <= on)
    met = profile_criteria_met(applicant, rules)
    if has_file:
        reasons.append(reason("welfare_file", PASS,
                              gettext_noop("social-services file active on %(date)s, within the last %(years)s years"),
                              date=last_active.isoformat(), years=years))
    elif last_active:
        reasons.append(reason(
            "welfare_file", INFO,
            gettext_noop("social-services file last active on %(date)s, more than %(years)s years ago"),
            date=last_active.isoformat(), years=years,
        ))
    else:
        reasons.append(reason("welfare_file", INFO, gettext_noop("no social-services file")))
    if met:
        reasons.append(reason("welfare_profile", PASS, gettext_noop("welfare profile: %(criteria)s"),
                              criteria=",".join(met)))
    else:
        reasons.append(reason("welfare_profile", INFO, gettext_noop("meets none of the welfare-profile criteria")))
    if not has_file and not met:
        reasons.append(reason("welfare_affiliation", FAIL,
                              gettext_noop("neither a recent social-services file nor a welfare profile")))

    cap = Decimal(str(rules["residence"]["region_cap_percent"]))
    city = applicant.city
    if city is None:
        reasons.append(reason("residence", FAIL, gettext_noop("city of residence unknown")))
    elif city.pk == center.city_id:
        reasons.append(reason("residence", PASS, gettext_noop("lives in the center's city (%(city)s)"),
                              city=city.name_he))
    elif city.region_id == center.region_id:
        # The applicant counts as one more region resident among one more participant.
        region, total = load.region_residents + 1, load.participants + 1
        with_applicant = share(region, total)
        if with_applicant <= cap:
            reasons.append(reason("region_cap", PASS, gettext_noop(
                "lives in the region (%(city)s): region residents would be %(share)s%% of the center's "
                "participants (%(region)s of %(total)s), within the %(cap)s%% cap"),
                city=city.name_he, share=with_applicant, region=region, total=total, cap=cap))
        else:
            reasons.append(reason("region_cap", APPROVAL, gettext_noop(
                "lives in the region (%(city)s): region residents would be %(share)s%% of the center's "
                "participants (%(region)s of %(total)s), above the %(cap)s%% cap"),
                city=city.name_he, share=with_applicant, region=region, total=total, cap=cap))
    else:
        reasons.append(reason("residence", FAIL, gettext_noop("%(city)s is outside the center's region"),
                              city=city.name_he))

    outcomes = {finding["outcome"] for finding in reasons}
    decision = NOT_ELIGIBLE if FAIL in outcomes else NEEDS_APPROVAL if APPROVAL in outcomes else ELIGIBLE
    return Result(decision=decision, reasons=reasons, rules_version=rules["version"])


def file_holder_mix(center, year):
    """The 70/30 mix of file holders vs welfare-profile participants: monitored, not enforced per person."""
    current = Participant.objects.filter(center=center, created_at__year__lte=year).exclude(
        status=JourneyStatus.CLOSED
    )
    total = current.count()
    holders = current.filter(has_welfare_file=True).count()
    return {"total": total, "file_holders": holders, "file_holders_share": share(holders, total),
            "profile_share": share(total - holders, total)}
