"""OAuth2 client credentials for the API (django-oauth-toolkit): an application registered by an
administrator exchanges its id and secret at /oauth/token/ for an access token, and the API takes
that token like a personal one. It acts as the application's user (a service account), with
that user's permissions, and the scope its ApiClient row allows (read unless set to write).

Only client-credentials applications are served: the token endpoint is the only one mounted, and
a token of any other kind of application (e.g. the password grant, which would skip the second
factor and the lockout) is refused by the API.
"""

import hashlib

from oauth2_provider.models import get_access_token_model, get_application_model
from oauth2_provider.scopes import SettingsScopes

from .models import ApiTokenScope


class ClientScopes(SettingsScopes):
    """An application may ask for "read", and for "write" only when its ApiClient allows it."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        scopes = [ApiTokenScope.READ.value]
        if application is not None and allowed_scope(application) == ApiTokenScope.WRITE:
            scopes.append(ApiTokenScope.WRITE.value)
        return scopes


def allowed_scope(application):
    client = getattr(application, "api_client", None) if application.pk else None
    return client.scope if client is not None else ApiTokenScope.READ


def access_token_for(secret):
    """The usable access token of a client-credentials application whose secret this is."""
    checksum = hashlib.sha256(secret.encode()).hexdigest()
    token = (
        get_access_token_model()
        .objects.select_related("application__user")
        .filter(token_checksum=checksum)
        .first()
    )
    if token is None or token.is_expired() or token.application is None:
        return None
    application = token.application
    if application.authorization_grant_type != get_application_model().GRANT_CLIENT_CREDENTIALS:
        return None
    if application.user is None or not application.user.is_active:
        return None
    return token


def token_scope(token):
    return ApiTokenScope.WRITE if token.allow_scopes([ApiTokenScope.WRITE]) else ApiTokenScope.READ
