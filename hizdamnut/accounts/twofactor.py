"""Two-factor sign-in with a TOTP authenticator app (django-otp)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizdamnut.centers.roles import Role
from hizdamnut.centers.scoping import user_role

# Roles that see many people's data or every center: a stolen password alone must not be enough.
TWO_FACTOR_ROLES = frozenset({Role.MANAGER, Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN})


def two_factor_required(user):
    """Managers, national viewers, system admins and anyone who may enter the Django admin must use 2FA."""
    return user.is_superuser or user.is_staff or user_role(user) in TWO_FACTOR_ROLES


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_needed(user):
    """Whether this user must pass a second factor to use the site: required by role, or chosen."""
    if not settings.HZ_REQUIRE_2FA:
        return False
    return two_factor_required(user) or confirmed_device(user) is not None


def pending_device(user):
    """The authenticator being set up (created on first visit of the set-up page, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def verify_code(*, device, code):
    """A code is accepted once, within its time window; repeated failures slow further tries (django-otp)."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError({"code": _("Too many wrong codes. Wait a few seconds and try again.")})
    if not device.verify_token((code or "").replace(" ", "")):
        raise ValidationError({"code": _("The code is wrong or has expired.")})


@transaction.atomic
def confirm_device(*, device, code):
    """Enrolment ends when the user types a code from the new authenticator; older ones are removed."""
    verify_code(device=device, code=code)
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def remove_device(*, user, code):
    """Turning two-factor off takes a current code, and is refused to roles that must use it."""
    if two_factor_required(user):
        raise ValidationError({"code": _("Your role must use two-factor sign-in.")})
    device = confirmed_device(user)
    if device is None:
        return
    verify_code(device=device, code=code)
    TOTPDevice.objects.filter(user=user).delete()
