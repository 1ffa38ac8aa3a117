"""Demo satisfaction responses: the shipped questionnaire, answered at every center over the past year.

Web answers through the anonymous form's service on the day they were given; paper ones typed in by staff.
"""

import datetime
import json
from pathlib import Path

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import ClosingReason, JourneyStatus, StatusChange
from hizdamnut.participants.services import change_status
from hizdamnut.surveys.services import enter_paper_response, load_questionnaire, submit_anonymous_response

QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "surveys" / "questionnaires" / "satisfaction-2025.json"


def _answer(rng, mood, reverse):
    """A 1–4 answer leaning on the center's mood (0 = poor … 1 = very good); ~5% skip the question."""
    if rng.random() < 0.05:
        return None
    good = rng.random() < mood
    value = rng.choice([3, 4, 4]) if good else rng.choice([1, 2, 2, 3])
    return 5 - value if reverse else value


def build(ctx):
    _fallback_journeys(ctx)
    with QUESTIONNAIRE.open(encoding="utf-8") as handle:
        questionnaire, _created = load_questionnaire(json.load(handle))
    items = list(questionnaire.items.all())
    rng = ctx.rng
    for center in ctx.centers:
        mood = rng.uniform(0.55, 0.9)
        clerk = ctx.staff_of(center, Role.COORDINATOR)[0]
        for _ in range(rng.randint(25, 60)):
            answered_on = ctx.days_ago(0, 364)
            paper = rng.choice([False, False, False, True])
            answers = {item.code: _answer(rng, mood, item.reverse) for item in items}
            if paper:
                # Typed in by the center's staff within the week.
                with ctx.on(min(ctx.today, answered_on + datetime.timedelta(days=rng.randint(0, 7))), 16):
                    enter_paper_response(actor=clerk, questionnaire=questionnaire, center=center,
                                         answered_on=answered_on, answers=answers)
            else:
                with ctx.on(answered_on, rng.randint(8, 20)):
                    submit_anonymous_response(questionnaire=questionnaire, center=center, answers=answers)


def _fallback_journeys(ctx):
    """Moves demo journeys forward when no earlier builder did (so the dashboard has figures to show).

    The plans builder (issue #4) owns journeys; once it activates participants this does nothing.
    """
    if StatusChange.objects.filter(status=JourneyStatus.ACTIVE).exists():
        return
    rng = ctx.rng
    for participant in ctx.participants:
        if rng.random() > 0.8:
            continue
        started = participant.status_changes.order_by("changed_on").first().changed_on
        active_on = min(ctx.today, started + datetime.timedelta(days=rng.randint(5, 45)))
        change_status(participant=participant, status=JourneyStatus.ACTIVE, on=active_on)
        later = min(ctx.today, active_on + datetime.timedelta(days=rng.randint(30, 240)))
        roll = rng.random()
        if roll < 0.3:
            change_status(participant=participant, status=JourneyStatus.PLACED, on=later)
        elif roll < 0.4:
            change_status(participant=participant, status=JourneyStatus.CLOSED, on=later,
                          reason=rng.choice([ClosingReason.MOVED, ClosingReason.NOT_INTERESTED]))
