"""The one step every form page and POST action shares: validate, call the service, show a broken rule."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def submit(form, action, *, request=None, success=None, invalid=None, flash=False):
    """Validate `form` and call `action(form)`; return its result (True if it returns None), or None if refused.

    - A service's ValidationError lands on the form (under its field when it names one), so the page shows
      the message beside what the user typed and nothing is saved. With `flash=True` (a POST action that
      redirects back to a page which does not show this form) it is flashed as an error message instead.
    - `form=None`: a POST action without fields; `action(None)` is simply called.
    - `success`: flashed on success, a message or a function of the action's result returning one.
    - `invalid`: flashed when the form does not validate (for forms that are not shown again).
    `request` is needed for the flashed messages.
    """
    if form is not None and not form.is_valid():
        if invalid:
            messages.error(request, invalid)
        return None
    try:
        result = action(form)
    except ValidationError as exc:
        if flash or form is None:
            messages.error(request, " ".join(exc.messages))
        else:
            form.add_error(None, exc)
        return None
    if success:
        messages.success(request, success(result) if callable(success) else success)
    return True if result is None else result
