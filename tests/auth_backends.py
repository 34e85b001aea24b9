"""The tests' force_login backend (tests/settings.py): it loads the session's user and
authenticates nobody, so only client.force_login() makes sessions with it."""

from django.contrib.auth import get_user_model


class ForceLoginBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        user = get_user_model()._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None
