"""Personal API tokens for tests: the Authorization header of a fresh token of a user."""

from taiex.accounts.api_tokens import create_api_token


def bearer(user, *, scope="read", days=30):
    """Headers for the test client: `client.get(url, headers=bearer(user))`."""
    _, secret = create_api_token(user, actor=user, name="test", scope=scope, lifetime_days=days)
    return {"Authorization": f"Bearer {secret}"}
