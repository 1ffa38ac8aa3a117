"""The routing model: transparent rules over barriers and predictors of change, held as data (rules/routing.json).

Barrier load = the sum of the weights of the barriers checked; readiness = the mean of the five predictors of
change (1–5). Rules are tried in order; the first whose conditions hold gives the recommended response, and the
page shows which barriers and predictors drove it (seed: "מודל הניתוב", Rehovot).
"""

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from .models import PREDICTORS, RoutingTrack

MODEL_FILE = Path(__file__).resolve().parent / "rules" / "routing.json"


@cache
def load_model(path=MODEL_FILE):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def job_ready(response, model=None):
    """Whether a routing response makes the person ready for work (their candidate profile is then opened).

    The responses are data (`job_ready_responses` in the model file): short-term coaching towards employment.
    """
    model = model or load_model()
    return response in model.get("job_ready_responses", ["short_term_coaching"])


def label(item):
    return item["label_en"] if translation.get_language() == "en" else item["label_he"]


def barrier_catalog(model=None):
    """Barrier items grouped by domain, in the model's order: [(domain, [barrier, ...]), ...]."""
    model = model or load_model()
    return [(domain, [b for b in model["barriers"] if b["domain"] == domain["code"]]) for domain in model["domains"]]


@dataclass
class Recommendation:
    response: str
    model_version: str
    barrier_load: int
    readiness: Decimal
    barriers: list = field(default_factory=list)  # [{"code", "domain", "weight"}]
    predictors: dict = field(default_factory=dict)
    rule: dict = field(default_factory=dict)
    conditions: list = field(default_factory=list)  # [{"condition", "value", "met"}]

    def as_reasons(self):
        return {
            "barrier_load": self.barrier_load, "readiness": str(self.readiness), "barriers": self.barriers,
            "predictors": self.predictors, "conditions": self.conditions, "rule_response": self.rule.get("response"),
        }


def _condition_results(condition, facts):
    """Each key of a condition with the fact it tests and whether it holds."""
    checks = []
    for key, limit in condition.items():
        if key == "barrier_load_min":
            checks.append((key, limit, facts["barrier_load"], facts["barrier_load"] >= limit))
        elif key == "barrier_load_max":
            checks.append((key, limit, facts["barrier_load"], facts["barrier_load"] <= limit))
        elif key == "readiness_min":
            checks.append((key, limit, str(facts["readiness"]), facts["readiness"] >= Decimal(str(limit))))
        elif key == "readiness_max":
            checks.append((key, limit, str(facts["readiness"]), facts["readiness"] <= Decimal(str(limit))))
        elif key == "domains_min":
            checks.append((key, limit, facts["domains"], facts["domains"] >= limit))
        elif key == "disability_percent_min":
            value = facts["disability_percent"]
            checks.append((key, limit, value, value is not None and value >= limit))
        elif key == "refer_out_barrier":
            checks.append((key, limit, ",".join(facts["refer_out"]), bool(facts["refer_out"]) == limit))
        elif key == "skill_gap":
            checks.append((key, limit, ",".join(facts["skill_gap"]), bool(facts["skill_gap"]) == limit))
        else:
            raise ValueError(f"unknown routing condition {key}")
    return [{"condition": key, "limit": limit, "value": value, "met": met} for key, limit, value, met in checks]


def recommend(*, barriers, predictors, disability_percent=None, model=None):
    """Recommends one response for a set of barrier codes and predictor scores (1–5), with the reasons."""
    model = model or load_model()
    catalog = {b["code"]: b for b in model["barriers"]}
    unknown = set(barriers) - set(catalog)
    if unknown:
        raise ValueError(f"unknown barriers: {', '.join(sorted(unknown))}")
    chosen = [catalog[code] for code in catalog if code in set(barriers)]
    scores = [predictors[name] for name in PREDICTORS]
    readiness = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    facts = {
        "barrier_load": sum(b["weight"] for b in chosen),
        "readiness": readiness,
        "domains": len({b["domain"] for b in chosen}),
        "disability_percent": disability_percent,
        "refer_out": [b["code"] for b in chosen if b.get("refer_out")],
        "skill_gap": [b["code"] for b in chosen if b.get("skill_gap")],
    }
    for rule in model["rules"]:
        if rule.get("default"):
            fired, conditions = True, []
        elif "when_any" in rule:
            groups = [_condition_results(c, facts) for c in rule["when_any"]]
            matching = [g for g in groups if all(item["met"] for item in g)]
            fired, conditions = bool(matching), (matching[0] if matching else [])
        else:
            conditions = [item for c in rule["when_all"] for item in _condition_results(c, facts)]
            fired = all(item["met"] for item in conditions)
        if fired:
            return Recommendation(
                response=rule["response"], model_version=model["version"], barrier_load=facts["barrier_load"],
                readiness=readiness,
                barriers=[{"code": b["code"], "domain": b["domain"], "weight": b["weight"]} for b in chosen],
                predictors={name: predictors[name] for name in PREDICTORS}, rule=rule, conditions=conditions,
            )
    raise ValueError("the routing model has no default rule")


def recommend_for(meeting, model=None):
    return recommend(barriers=meeting.barriers, predictors=meeting.predictors,
                     disability_percent=meeting.disability_percent, model=model)


# ------------------------------------------------------------------ how the model reads to staff

def condition_text(item):
    """A routing-model condition as a sentence: what was tested, the limit, the participant's value."""
    texts = {
        "barrier_load_min": _("barrier load %(value)s is at least %(limit)s"),
        "barrier_load_max": _("barrier load %(value)s is at most %(limit)s"),
        "readiness_min": _("readiness for change %(value)s is at least %(limit)s"),
        "readiness_max": _("readiness for change %(value)s is at most %(limit)s"),
        "domains_min": _("barriers in %(value)s domains, at least %(limit)s"),
        "disability_percent_min": _("disability %(value)s%% is at least %(limit)s%%"),
        "refer_out_barrier": _("a barrier that calls for a referral out: %(value)s"),
        "skill_gap": _("a skills gap courses can close: %(value)s"),
    }
    text = texts.get(item["condition"], item["condition"])
    return text % {"value": item["value"] if item["value"] not in (None, "") else "—", "limit": item["limit"]}


def explain(meeting, model=None):
    """The recommendation for an intake meeting with labels: which barriers and predictors drove it."""
    model = model or load_model()
    recommendation = recommend_for(meeting, model)
    barrier_labels = {b["code"]: label(b) for b in model["barriers"]}
    domain_labels = {d["code"]: label(d) for d in model["domains"]}
    predictor_labels = {p["code"]: label(p) for p in model["predictors"]}
    return {
        "recommendation": recommendation,
        "response_label": RoutingTrack(recommendation.response).label,
        "barriers": [
            {"label": barrier_labels[b["code"]], "domain": domain_labels[b["domain"]], "weight": b["weight"]}
            for b in recommendation.barriers
        ],
        "predictors": [
            {"label": predictor_labels[code], "score": score} for code, score in recommendation.predictors.items()
        ],
        "conditions": [
            dict(item, value=", ".join(barrier_labels.get(c, c) for c in str(item["value"]).split(",") if c))
            if item["condition"] in ("refer_out_barrier", "skill_gap") else item
            for item in recommendation.conditions
        ],
    }


def describe_rules(model=None):
    """The model's rules in order, each as a sentence: [{"label", "default", "text"}]."""
    model = model or load_model()
    rules = []
    for rule in model["rules"]:
        groups = rule.get("when_any") or ([{k: v for c in rule["when_all"] for k, v in c.items()}]
                                         if "when_all" in rule else [])
        texts = [" · ".join(condition_text({"condition": key, "limit": limit, "value": "…"})
                            for key, limit in group.items()) for group in groups]
        rules.append({"label": RoutingTrack(rule["response"]).label, "default": rule.get("default", False),
                      "text": _(" or ").join(texts)})
    return rules


def labelled_catalog(model=None):
    """barrier_catalog with the labels in the current language: [(domain label, [barrier + "label"]), ...]."""
    return [(label(domain), [dict(b, label=label(b)) for b in barriers])
            for domain, barriers in barrier_catalog(model)]
