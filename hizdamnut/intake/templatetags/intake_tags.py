from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
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
