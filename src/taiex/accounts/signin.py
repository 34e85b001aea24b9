"""Who is trying to log in, as the lockout of repeated failed logins (django-axes) counts them:
the account by its e-mail in any letter case, and the client's address behind the proxy."""

from django.conf import settings


def login_name(request, credentials):
    """The e-mail address tried, folded: "Ana@X.org" and "ana@x.org" count as one account."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    return (typed or "").strip().lower() or None


def client_address(request):
    """The client's IP address. Behind TAIEX_PROXY_COUNT trusted proxies it is the entry of
    X-Forwarded-For that the outermost trusted proxy appended; REMOTE_ADDR would be the proxy,
    and counting by it would lock everybody out at once."""
    proxies = settings.TAIEX_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
