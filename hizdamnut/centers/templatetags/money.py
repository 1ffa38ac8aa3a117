"""Money as Israelis write it: ₪5,525 (agorot only when there are any: ₪34.50). A builtin filter (settings)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def shekels(value):
    """`{{ wage|shekels }}` → ₪5,525 or ₪34.50; empty for no value."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"\u20aa{text}"
