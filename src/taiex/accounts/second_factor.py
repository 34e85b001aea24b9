"""Two-factor authentication (django-otp): a TOTP authenticator app and single-use recovery
codes; who must have it; enrolment, verification and an administrator's reset, all audited.

Recovery codes are stored hashed (SHA-256, cut to the 16 characters django-otp's StaticToken
holds), so a copy of the database does not give them away; they are shown once.
"""

import hashlib
import secrets
from base64 import b32decode, b32encode
from binascii import hexlify

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.core.audit import log_action
from taiex.core.personal_data import erasure_step

from .roles import roles_of

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


class SecondFactorError(Exception):
    """A code that is refused (wrong, used, or too many wrong codes in a row)."""


def required_roles():
    return set(settings.TAIEX_SECOND_FACTOR_ROLES)


def second_factor_required_by_role(user):
    """Whether one of the user's roles must sign in with two factors (the setting lists them;
    a value that is no role, e.g. "finance" before that role exists, matches nobody)."""
    return bool(roles_of(user).roles & required_roles())


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user):
    """Whether a sign-in of `user` must be completed by a second factor: their role requires it,
    or they set one up themselves."""
    return second_factor_required_by_role(user) or has_second_factor(user)


def normalise_code(code):
    return "".join((code or "").split()).replace("-", "").lower()


def hash_recovery_code(code):
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()[:16]


def start_enrolment(user):
    """The unconfirmed authenticator of `user` (made now if there is none) whose secret the
    enrolment page shows; it counts only once a code from the app confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def secret_of(device):
    """The device's secret in base32, as authenticator apps take it when typed."""
    return b32encode(device.bin_key).decode()


def confirm_enrolment(device, *, actor, code):
    """Confirm `device` with a code from the app; replaces any earlier authenticator of the
    user, makes new recovery codes, writes the audit log. Returns the recovery codes (shown
    once)."""
    if not device.verify_token(normalise_code(code)):
        raise SecondFactorError(
            _(
                "This code is not right. Check that the app shows the code for taiex, and type the "
                "six digits it shows now."
            )
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(device.user)
        log_action(device.user, actor=actor, action="second_factor.enrol")
    return codes


def enrol_with_secret(user, *, actor, base32_secret):
    """Give `user` a confirmed authenticator with a known secret (the demo's documented one)."""
    key = hexlify(b32decode(base32_secret)).decode()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True
        )
        log_action(user, actor=actor, action="second_factor.enrol", note="known secret")
    return device


def _replace_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    for _number in range(RECOVERY_CODE_COUNT):
        raw = b32encode(secrets.token_bytes(5)).decode().lower()  # 8 characters, 40 bits
        codes.append(f"{raw[:4]}-{raw[4:]}")
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=hash_recovery_code(code)) for code in codes
    )
    return codes


def new_recovery_codes(user, *, actor):
    """Replace the user's recovery codes (the old ones stop working); audit; returns them."""
    if not has_second_factor(user):
        raise SecondFactorError(_("Set up the authenticator app first."))
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        log_action(user, actor=actor, action="second_factor.recovery_codes")
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_second_factor(user, code):
    """The device that accepts `code` (a code of the app, or an unused recovery code, which is
    used up); raises SecondFactorError otherwise. Wrong codes are throttled by django-otp: after
    each failure the device refuses every code for 1, 2, 4, 8... seconds."""
    code = normalise_code(code)
    with transaction.atomic():
        devices = [
            *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
            *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True),
        ]
        # A recovery code has letters: only the recovery device sees it, so a mistyped one
        # does not slow down the app's codes.
        devices = [d for d in devices if isinstance(d, StaticDevice) or code.isdigit()]
        waits = []
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                waits.append(details["locked_until"])
                continue
            if isinstance(device, TOTPDevice):
                if device.verify_token(code):
                    return device
            elif device.verify_token(hash_recovery_code(code)):
                log_action(user, actor=user, action="second_factor.recovery_code_used")
                return device
    if waits and len(waits) == len(devices):
        seconds = max(1, int((max(waits) - timezone.now()).total_seconds()) + 1)
        raise SecondFactorError(
            _(
                "Too many wrong codes in a row. Wait %(seconds)s seconds, then type the code the "
                "app shows at that moment."
            )
            % {"seconds": seconds}
        )
    raise SecondFactorError(
        _(
            "This code is not right, or it was already used. Type the six digits your "
            "authenticator app shows now, or one of your unused recovery codes."
        )
    )


def reset_second_factor(user, *, actor):
    """Remove every second factor of `user` (lost phone): at their next sign-in a required role
    enrols again. Only administrators call it; the audit log keeps who did it."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        log_action(user, actor=actor, action="second_factor.reset", data={"removed": removed})
    return removed


@erasure_step
def erase_second_factor(user, *, name, placeholder, email=""):
    """An erased person signs in no more: their authenticator and recovery codes go."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
