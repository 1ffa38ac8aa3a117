from django import template

from .. import routing

register = template.Library()

# The routing module words its conditions; the template only shows them.
register.filter("condition_text", routing.condition_text)
