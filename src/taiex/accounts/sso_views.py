"""Pages of the single sign-on: "Sign in with ..." sends the person to the identity provider;
its answer comes back to the callback, which signs the matching account in (sso.py)."""

import logging

import requests
from authlib.integrations.base_client.errors import OAuthError
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import sso
from .second_factor_middleware import mark_verified_by_identity_provider
from .second_factor_views import safe_next

logger = logging.getLogger(__name__)
NEXT_KEY = "taiex_sso_next"


class SignInView(LoginView):
    """Django's login with the "Sign in with ..." button when single sign-on is configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso.is_configured():
            context["sso_provider"] = sso.provider_name()
        return context


@require_GET
def start(request):
    if not sso.is_configured():
        raise Http404(_("Single sign-on is not configured."))
    request.session[NEXT_KEY] = safe_next(request)
    extra = {}
    if settings.TAIEX_OIDC_ACR_VALUES:
        extra["acr_values"] = settings.TAIEX_OIDC_ACR_VALUES
    try:
        return sso.client().authorize_redirect(
            request, request.build_absolute_uri(reverse("accounts:sso_callback")), **extra
        )
    except (OAuthError, requests.RequestException, ValueError) as failure:
        logger.warning("Single sign-on could not start: %s", failure)
        return refused(
            request,
            _("%(provider)s does not answer now. Try again later, or log in with your password.")
            % {"provider": sso.provider_name()},
        )


@require_GET
def callback(request):
    if not sso.is_configured():
        raise Http404(_("Single sign-on is not configured."))
    try:
        token = sso.client().authorize_access_token(request)
    except (OAuthError, requests.RequestException, ValueError) as failure:
        logger.warning("Single sign-on refused: %s", failure)
        return refused(
            request,
            _(
                "The sign-in through %(provider)s did not complete. Start again, or log in with "
                "your password."
            )
            % {"provider": sso.provider_name()},
        )
    claims = token.get("userinfo")
    if not claims:  # no ID token was checked: nothing says who this is
        return refused(
            request,
            _("%(provider)s sent no identity token, so taiex cannot know who you are.")
            % {"provider": sso.provider_name()},
        )
    try:
        user = sso.account_for_claims(claims)
    except sso.SingleSignOnError as refusal:
        return refused(request, str(refusal))
    target = request.session.pop(NEXT_KEY, None) or safe_next(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if settings.TAIEX_OIDC_TRUSTED_FOR_SECOND_FACTOR:
        mark_verified_by_identity_provider(request)
    sso.record_sign_in(user, claims)
    return redirect(target)


def refused(request, message):
    return render(
        request,
        "accounts/sso_refused.html",
        {"message": message, "provider": sso.provider_name()},
        status=403,
    )
