"""Refuse addresses that carry control characters before any view or database sees them.

PostgreSQL refuses a NUL character in a text parameter with an error (a 500 for the visitor),
and no page of taiex takes a control character in its path or query, so the answer is a 400
that says why, as problem+json under /api/.
"""

import json
import unicodedata
from urllib.parse import unquote

from django.http import HttpResponse

API_PREFIX = "/api/"
REFUSAL = (
    "The address contains a control character (such as a NUL byte or a line break), "
    "which no page of taiex accepts. Check the link."
)


def has_control_character(text: str) -> bool:
    return any(unicodedata.category(character) == "Cc" for character in text)


def refusal_response(request):
    if request.path.startswith(API_PREFIX):
        body = {"type": "about:blank", "title": "Bad request", "status": 400, "detail": REFUSAL}
        return HttpResponse(json.dumps(body), status=400, content_type="application/problem+json")
    return HttpResponse(REFUSAL, status=400, content_type="text/plain; charset=utf-8")


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if has_control_character(request.path) or has_control_character(query):
            return refusal_response(request)
        return self.get_response(request)
