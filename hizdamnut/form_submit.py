"""The one step every form page and POST action shares: validate, call the service, show a broken rule."""

from uuid import uuid4

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.shortcuts import render
from django.utils.translation import gettext as _

from hizdamnut.centers.models import SubmissionToken


class SubmitOnceForm(forms.Form):
    """Form mixin for create forms: a one-time token in a hidden field, so a double submit creates one record."""

    submit_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submit_token"].initial = uuid4().hex
        self.submit_token = ""

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.submit_token = self.cleaned_data.pop("submit_token", "") or ""


def already_sent(form, user):
    """Whether this create form's one-time token was used already (a repeated post), so a page can skip any
    question it would ask before saving and let `submit` return the first result."""
    token = getattr(form, "submit_token", "")
    return bool(token) and SubmissionToken.objects.filter(token=token, user=user).exists()


def _once(token, user, run):
    """Runs `run()` once per token: the token is claimed in the same transaction, so a refusal frees it again
    and a second post of it (even a concurrent one, which waits for the first) gets the first result back."""
    try:
        with transaction.atomic():
            claim = SubmissionToken.objects.create(token=token, user=user)
            result = run()
            if isinstance(result, models.Model) and result.pk is not None:
                claim.result_type = ContentType.objects.get_for_model(result)
                claim.result_id = result.pk
                claim.save(update_fields=["result_type", "result_id"])
            return result, False
    except IntegrityError:
        previous = SubmissionToken.objects.filter(token=token, user=user).first()
        if previous is None:
            raise
        return previous.result(), True


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
    token = getattr(form, "submit_token", "")
    try:
        if token and request is not None and request.user.is_authenticated:
            result, repeated = _once(token, request.user, lambda: action(form))
            if repeated:
                if result is None:
                    messages.error(request, _("This form was already sent."))
                else:
                    messages.info(request, _("This form was already sent; here is what it saved."))
                return result
        else:
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


def form_page(request, form, action, *, template, context, success, done):
    """The page of a form that saves something: a POST goes through `submit(form, action)` and, once saved,
    `done(result)` gives the response (a redirect); a GET, or a refusal (the form then carries its errors),
    renders `template` with the form and `context`."""
    if request.method == "POST":
        result = submit(form, action, request=request, success=success)
        if result:
            return done(result)
    return render(request, template, {"form": form, **context})
