"""The participant's file: a header and one section per stage, each contributed by the app that owns the stage.

participants comes early in the app order and may not import intake, plans or placements. So each later app
registers, in its AppConfig.ready():
- `register_section(key=, order=, template=, context=, roles=)`: a template fragment and a function
  `context(user, participant, today, records) -> dict | None` that selects what the fragment shows (None: nothing
  to show). A section costs a fixed number of queries whatever the participant's history, and only roles in `roles`
  get it: what a role may not see is absent from the page, not hinted at.
- `register_summary(key=, summary=, roles=)`: `summary(user, participant, today, records) -> Summary` adds facts to
  the header (routing response, next meeting…) and alerts (overdue tasks, eligibility expiring…).
Both take the rows they show from `records` (records.py), which the timeline's sources share: each kind of record
is read once per page.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from hizdamnut.centers.permissions import has_role

from .records import Records


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    context: object
    roles: frozenset


@dataclass
class Fact:
    order: int
    label: str
    value: object
    url: str = ""


@dataclass
class Summary:
    facts: list = field(default_factory=list)
    alerts: list = field(default_factory=list)


_SECTIONS = {}
_SUMMARIES = {}


def register_section(*, key, order, template, context, roles):
    _SECTIONS[key] = Section(key, order, template, context, frozenset(roles))


def register_summary(*, key, summary, roles):
    _SUMMARIES[key] = (summary, frozenset(roles))


def sections():
    return sorted(_SECTIONS.values(), key=lambda section: section.order)


def file_for(user, participant, today=None, records=None):
    """The header facts, the alerts and the sections the user may see, in order (`records`: the page's, shared
    with its timeline)."""
    today = today or timezone.localdate()
    records = records or Records(user, participant)
    facts, alerts = [], []
    for summary, roles in _SUMMARIES.values():
        if has_role(user, roles):
            part = summary(user, participant, today, records)
            facts.extend(part.facts)
            alerts.extend(part.alerts)
    shown = []
    for section in sections():
        if not has_role(user, section.roles):
            continue
        context = section.context(user, participant, today, records)
        if context is not None:
            shown.append({"key": section.key, "template": section.template, "context": context})
    return {"facts": sorted(facts, key=lambda fact: fact.order), "alerts": alerts, "sections": shown}
