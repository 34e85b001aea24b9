"""Each person's language: the pages of a signed-in person follow their profile, the public
pages the browser (Accept-Language, or the switcher's cookie), and e-mails and documents are
produced in the recipient's language, not the sender's (core.languages, core.mail)."""

from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.views.i18n import set_language as django_set_language

from taiex.core.audit import log_action
from taiex.core.languages import is_offered


class PersonLanguageMiddleware:
    """After LocaleMiddleware and the authentication: a signed-in person who chose a language
    on their profile gets their pages in it, whatever the browser asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # request.user is lazy: its query is the one every page's header makes anyway.
        if request.user.is_authenticated:
            code = request.user.language
            if code and is_offered(code) and code != translation.get_language():
                translation.activate(code)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def set_language(request):
    """The header's switcher (POST language and next): Django's set_language, which keeps the
    page to go back to with its query and sets the cookie; a signed-in person's profile keeps
    the choice too, so that their e-mails follow it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    code = request.POST.get("language", "")
    response = django_set_language(request)
    user = request.user
    if user.is_authenticated and is_offered(code) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
        log_action(user, actor=user, action="update_profile", data={"fields": ["language"]})
    return response
