"""Personal API tokens: create (the secret is shown once), revoke, and authenticate a request
(django-ninja's HttpBearer) with its scope; every creation and revocation is in the audit log."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.security import HttpBearer

from taiex.core.audit import log_action

from .api_clients import access_token_for, token_scope
from .models import ApiToken, ApiTokenScope

TOKEN_PREFIX = "taiex_"
LIFETIMES = {
    30: gettext_lazy("30 days"),
    90: gettext_lazy("90 days"),
    365: gettext_lazy("one year"),
}
# A token's last use is written at most this often, so reads do not each cost a write.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(Exception):
    """A token change that is not possible (revoking somebody else's or a revoked one)."""


def hash_secret(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(user, *, actor, name, scope, lifetime_days):
    """Create a token of `user`; returns (token, secret). The secret is not stored: show it now."""
    if scope not in ApiTokenScope.values:
        raise TokenError(
            _("A scope is one of: %(scopes)s.") % {"scopes": ", ".join(ApiTokenScope.values)}
        )
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=prefix,
            secret_hash=hash_secret(secret),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=lifetime_days),
        )
        log_action(
            user,
            actor=actor,
            action="api_token.create",
            data={"token": token.prefix, "name": token.name, "scope": scope},
        )
    return token, secret


def revoke_api_token(token, *, actor):
    """Revoke a token of `actor` (at once, for every later request); writes the audit log."""
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not changed:
            raise TokenError(_("This token is already revoked."))
        log_action(
            actor,
            actor=actor,
            action="api_token.revoke",
            data={"token": token.prefix, "name": token.name},
        )


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def token_for_secret(secret):
    """The usable token whose secret this is, or None (unknown, wrong, expired, revoked)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    prefix = secret[len(TOKEN_PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    now = timezone.now()
    if not token.is_usable_at(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenAuth(HttpBearer):
    """Bearer auth with a personal token; `scope="write"` refuses read-only tokens (403)."""

    def __init__(self, scope=ApiTokenScope.READ):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        if not token.startswith(TOKEN_PREFIX):
            return self.authenticate_client(request, token)
        found = token_for_secret(token)
        if found is None:
            return None
        if self.scope == ApiTokenScope.WRITE and found.scope != ApiTokenScope.WRITE:
            raise ReadOnlyToken
        request.user = found.user
        request.api_token = found
        return found.user

    def authenticate_client(self, request, token):
        """An OAuth2 access token of a client-credentials application (api_clients.py)."""
        found = access_token_for(token)
        if found is None:
            return None
        if self.scope == ApiTokenScope.WRITE and token_scope(found) != ApiTokenScope.WRITE:
            raise ReadOnlyToken
        request.user = found.application.user
        request.api_token = None
        return request.user


class ReadOnlyToken(Exception):
    """A read-only token was sent to an endpoint that changes something."""


read_token = TokenAuth(ApiTokenScope.READ)
write_token = TokenAuth(ApiTokenScope.WRITE)
