from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from hizdamnut.centers.scoping import user_role

from .forms import CodeForm
from .twofactor import confirm_device, confirmed_device, pending_device, remove_device, two_factor_required, verify_code


def locked_out(request, response=None, credentials=None):
    """django-axes calls this when a user name is locked at this address: the sign-in page, with why."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/login.html",
        {"form": AuthenticationForm(request), "locked_out_minutes": minutes},
        status=429,
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _form_with_errors(form, error):
    for field, field_errors in error.message_dict.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


def _code_accepted(request, form, *, device, check):
    """Whether a posted code passes `check` (confirm_device or verify_code); if so the session is verified with
    `device`, otherwise the refusal lands on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        check(device=device, code=form.cleaned_data["code"])
    except ValidationError as error:
        _form_with_errors(form, error)
        return False
    otp_login(request, device)
    return True


def two_factor_setup(request):
    """Enrol an authenticator: show the QR code and the secret, confirm with a first code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if confirmed_device(request.user) and not request.user.is_verified():
        # Replacing an authenticator takes the current one first.
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if _code_accepted(request, form, device=device, check=confirm_device):
        messages.success(request, _("Two-factor sign-in is on."))
        return redirect(_next_url(request))
    secret = b32encode(device.bin_key).decode()
    qr_svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": mark_safe(qr_svg.to_string(encoding="unicode")),  # generated here, no user input
            "next": _next_url(request),
        },
    )


def two_factor_verify(request):
    """Ask a signed-in user with an authenticator for its current code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if _code_accepted(request, form, device=device, check=verify_code):
        return redirect(_next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def account(request):
    """The signed-in user's own page: password and two-factor settings."""
    return render(
        request,
        "accounts/account.html",
        {
            "role": user_role(request.user),
            "has_device": confirmed_device(request.user) is not None,
            "two_factor_required": two_factor_required(request.user),
            "form": CodeForm(),
        },
    )


@login_required
@require_POST
def two_factor_disable(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            remove_device(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            request.session["hz_2fa"] = False
            messages.success(request, _("Two-factor sign-in is off."))
    else:
        messages.error(request, _("Enter the code from your authenticator app."))
    return redirect("account")
