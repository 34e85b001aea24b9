"""Single sign-on with OpenID Connect (authlib's Django client), configured from the environment
(settings TAIEX_OIDC_*), so that an identity provider such as EU Login can be plugged in.

The provider's discovery document gives the endpoints and keys; authlib checks the state, the
nonce (and PKCE), the ID token's signature against the provider's JWKS, its issuer, audience and
expiry. Accounts are matched by the verified e-mail address only: an address the provider does
not say is verified is refused, and an address without an account is refused too (no account
is made: roles and the NCP's gate decide who may do what, which a provider cannot tell).
"""

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.utils.translation import gettext as _

from taiex.core.audit import log_action

from .models import User

CLIENT_NAME = "taiex_sso"
_clients = {}


class SingleSignOnError(Exception):
    """The provider's answer cannot sign anybody in; the message says why, for the person."""


def is_configured():
    return bool(settings.TAIEX_OIDC_DISCOVERY_URL and settings.TAIEX_OIDC_CLIENT_ID)


def provider_name():
    return settings.TAIEX_OIDC_PROVIDER_NAME


def client():
    """The OpenID Connect client of the configured provider (one per configuration, so the
    discovery document and the keys are fetched once per process, when first needed)."""
    config = (
        settings.TAIEX_OIDC_DISCOVERY_URL,
        settings.TAIEX_OIDC_CLIENT_ID,
        settings.TAIEX_OIDC_CLIENT_SECRET,
        settings.TAIEX_OIDC_SCOPES,
    )
    if config not in _clients:
        discovery_url, client_id, client_secret, scopes = config
        oauth = OAuth()
        oauth.register(
            CLIENT_NAME,
            client_id=client_id,
            client_secret=client_secret,
            server_metadata_url=discovery_url,
            client_kwargs={
                "scope": scopes,
                "code_challenge_method": "S256",
                "timeout": settings.TAIEX_OIDC_TIMEOUT,
            },
        )
        _clients[config] = oauth.create_client(CLIENT_NAME)
    return _clients[config]


def account_for_claims(claims):
    """The active account whose e-mail the provider verified; SingleSignOnError otherwise."""
    email = (claims.get("email") or "").strip().lower()
    if not email:
        raise SingleSignOnError(
            _(
                "%(provider)s did not give your e-mail address, so taiex cannot find your "
                "account. Log in with your password instead."
            )
            % {"provider": provider_name()}
        )
    if claims.get("email_verified") is not True:
        raise SingleSignOnError(
            _(
                "%(provider)s has not verified the address %(email)s, so taiex cannot trust it to "
                "open an account. Verify it there, or log in with your password."
            )
            % {"provider": provider_name(), "email": email}
        )
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise SingleSignOnError(
            _(
                "No taiex account has the address %(email)s. Officials of beneficiary "
                "administrations register first; others ask the programme team for an account."
            )
            % {"email": email}
        )
    return user


def record_sign_in(user, claims):
    log_action(
        user,
        actor=user,
        action="sign_in.sso",
        data={"issuer": claims.get("iss", ""), "subject": claims.get("sub", "")},
    )
