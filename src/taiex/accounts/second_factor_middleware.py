"""Sends a signed-in person who still owes the second factor to the page that asks for it (or
to the enrolment, when they have none yet): nothing else of the site answers them until then.

Whether a session owes it is decided once, at its first request, and kept in the session: a role
listed in TAIEX_SECOND_FACTOR_ROLES, or a second factor the person set up themselves. A session
made by an identity provider trusted for the second factor (sso.py) owes nothing.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor

STATE_KEY = "taiex_second_factor"
REQUIRED = "required"
NOT_REQUIRED = "not_required"
BY_IDENTITY_PROVIDER = "identity_provider"

# Pages a person who owes the second factor may still reach.
OPEN_VIEWS = {
    "accounts:second_factor",
    "accounts:second_factor_setup",
    "accounts:logout",
}
# Static files, the token-only API and the health checks carry no session sign-in.
OPEN_PREFIXES = ("/static/", "/api/", "/healthz", "/readyz", "/oauth/")


def mark_verified_by_identity_provider(request):
    request.session[STATE_KEY] = BY_IDENTITY_PROVIDER


def owes_second_factor(request):
    """Whether the signed-in user of `request` must still give the second factor."""
    session = request.session
    # Sessions made by an exempt backend (the tests' force_login: tests/settings.py) are taken
    # as complete; no such backend is configured outside the tests.
    if session.get(BACKEND_SESSION_KEY) in settings.TAIEX_SECOND_FACTOR_EXEMPT_BACKENDS:
        return False
    user = request.user
    if not user.is_authenticated:
        return False
    state = session.get(STATE_KEY)
    if state is None:
        state = REQUIRED if second_factor.needs_second_factor(user) else NOT_REQUIRED
        session[STATE_KEY] = state
    if state != REQUIRED:
        return False
    return not user.is_verified()


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware (which tells whether this session gave a code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(OPEN_PREFIXES):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if not owes_second_factor(request):
            return None
        target = (
            "accounts:second_factor"
            if second_factor.has_second_factor(request.user)
            else "accounts:second_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
