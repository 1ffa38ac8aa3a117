"""The one step every form page shares: validate, call the service, show a broken rule on the form."""

from django.core.exceptions import ValidationError


def submit(form, action):
    """Validate `form` and call `action(form)`; return its result, or None when the form or a rule refused it.

    A service's ValidationError lands on the form (under its field when it names one), so the page shows
    the message beside what the user typed and nothing is saved.
    """
    if not form.is_valid():
        return None
    try:
        return action(form)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
