"""Eligibility rules of programs, kept as data on the program (`Program.eligibility`).

A rule is {"rule": NAME, "value": …}. Rules the participant's record can answer are checked; the others
(disability, community, background) are facts staff confirm with the participant, so they never refuse.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.participants.models import Gender, age_on


def _age(participant):
    return age_on(participant.birth_date, timezone.localdate())


# rule name -> (check(participant, value) -> bool, description(value) -> str)
CHECKS = {
    "min_age": (lambda p, v: _age(p) >= int(v), lambda v: _("age %(value)s or over") % {"value": v}),
    "max_age": (lambda p, v: _age(p) <= int(v), lambda v: _("age %(value)s or under") % {"value": v}),
    "parent": (lambda p, v: p.children_under_18 > 0, lambda v: _("a parent of children under 18")),
    "single_parent": (lambda p, v: p.single_parent, lambda v: _("a single parent")),
    "woman": (lambda p, v: p.gender == Gender.FEMALE, lambda v: _("a woman")),
    "welfare_file": (lambda p, v: p.has_welfare_file, lambda v: _("known to social services")),
}
CONFIRMED_BY_STAFF = {
    "disability": lambda v: _("living with a disability"),
    "adhd_or_learning_disability": lambda v: _("living with ADHD or a learning disability"),
    "ethiopian_community": lambda v: _("of the Ethiopian-Israeli community"),
    "released_prisoner": lambda v: _("released from prison"),
    "young_adult_at_risk": lambda v: _("a young adult at risk"),
}


def describe(rules):
    out = []
    for rule in rules or []:
        name, value = rule.get("rule"), rule.get("value")
        if name in CHECKS:
            out.append(CHECKS[name][1](value))
        elif name in CONFIRMED_BY_STAFF:
            out.append(CONFIRMED_BY_STAFF[name](value))
    return out


def check(program, participant):
    """(unmet, to_confirm): descriptions of rules the participant does not meet, and of rules staff confirm."""
    unmet, to_confirm = [], []
    for rule in program.eligibility or []:
        name, value = rule.get("rule"), rule.get("value")
        if name in CHECKS:
            ok, text = CHECKS[name]
            if not ok(participant, value):
                unmet.append(text(value))
        elif name in CONFIRMED_BY_STAFF:
            to_confirm.append(CONFIRMED_BY_STAFF[name](value))
    return unmet, to_confirm


def unknown_rules(rules):
    return [
        rule.get("rule")
        for rule in rules or []
        if rule.get("rule") not in CHECKS and rule.get("rule") not in CONFIRMED_BY_STAFF
    ]
