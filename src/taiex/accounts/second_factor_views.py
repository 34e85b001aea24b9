"""Pages of the second factor: the code asked after the password, setting up the authenticator
app (QR code and typed secret), new recovery codes. The middleware that sends a signed-in person
here until the second factor is given is in second_factor_middleware.py."""

from base64 import b64encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import second_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The six digits the app shows for taiex once you have added it."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(view_name, target):
    return f"{resolve_url(view_name)}?{urlencode({'next': target})}"


def qr_code_data_uri(text):
    """The QR code of `text` as an SVG data URI (the content security policy allows data:
    images, not inline markup with styles)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


@login_required
def verify(request):
    """After the password: the code of the app or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(safe_next(request))
    if not second_factor.has_second_factor(user):
        return redirect(with_next("accounts:second_factor_setup", safe_next(request)))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify_second_factor(user, form.cleaned_data["code"])
        except second_factor.SecondFactorError as refusal:
            form.add_error("code", str(refusal))
        else:
            otp_login(request, device)
            left = second_factor.recovery_codes_left(user)
            if device.name == second_factor.RECOVERY_NAME:
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(left)s left. Make new ones on your profile "
                        "page if you are running short."
                    )
                    % {"left": left},
                )
            return redirect(safe_next(request))
    if form.errors:
        status = 400
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": safe_next(request)},
        status=status,
    )


@login_required
def setup(request):
    """Set up (or replace) the authenticator app: scan the QR code or type the secret, then
    confirm with a code; the recovery codes are shown once."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        # Replacing the app needs the current second factor first.
        return redirect(with_next("accounts:second_factor", request.get_full_path()))
    device = second_factor.start_enrolment(user)
    form = EnrolmentForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.confirm_enrolment(
                device, actor=user, code=form.cleaned_data["code"]
            )
        except second_factor.SecondFactorError as refusal:
            form.add_error("code", str(refusal))
        else:
            otp_login(request, device)
            return render(
                request,
                "accounts/second_factor_codes.html",
                {"codes": codes, "next": safe_next(request), "enrolled": True},
            )
    if form.errors:
        status = 400
    context = {
        "form": form,
        "secret": second_factor.secret_of(device),
        "qr_code": qr_code_data_uri(device.config_url),
        "required": second_factor.second_factor_required_by_role(user),
        "next": safe_next(request),
    }
    return render(request, "accounts/second_factor_setup.html", context, status=status)


@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working); needs the second factor of this session."""
    if not request.user.is_verified():
        return redirect(with_next("accounts:second_factor", resolve_url("accounts:profile")))
    try:
        codes = second_factor.new_recovery_codes(request.user, actor=request.user)
    except second_factor.SecondFactorError as refusal:
        messages.error(request, str(refusal))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/second_factor_codes.html",
        {"codes": codes, "next": resolve_url("accounts:profile"), "enrolled": False},
    )
