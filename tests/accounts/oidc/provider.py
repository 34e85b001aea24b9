"""A real OpenID Connect provider for the single sign-on tests: django-oauth-toolkit with OIDC
on, mounted at /idp/ by a test-only URL configuration and served by pytest-django's live server.
The ID token carries the person's e-mail, verified unless the address starts with
"unverified"; an "Outsider" gets an address taiex does not know."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views.mixins import OAuthLibMixin

from taiex.urls import urlpatterns as site_urlpatterns


class EmailClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes into the ID token

    def get_additional_claims(self, request):
        email = request.user.email
        if request.user.full_name.startswith("Outsider"):
            email = "someone@elsewhere.example"  # a person taiex has no account for
        return {"email": email, "email_verified": not email.startswith("unverified")}


def private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def forget_oauthlib_cores():
    """django-oauth-toolkit keeps one server per view class, made with the settings of its first
    request; the tests change the settings (this provider, then the API's client credentials)."""
    views = [OAuthLibMixin]
    while views:
        view = views.pop()
        views.extend(view.__subclasses__())
        if "_oauthlib_core" in vars(view):
            del view._oauthlib_core


def provider_settings():
    return {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": private_key_pem(),
        "OAUTH2_VALIDATOR_CLASS": "tests.accounts.oidc.provider.EmailClaimsValidator",
        "SCOPES": {"openid": "OpenID Connect", "email": "E-mail", "profile": "Profile"},
        "PKCE_REQUIRED": True,
    }


urlpatterns = [
    *site_urlpatterns,
    path("idp/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
