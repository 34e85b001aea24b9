"""The signed personal link of an evaluation request, and reading it back."""

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import RequestState
from ..models import EvaluationRequest
from .errors import EvaluationLinkError

LINK_SALT = "taiex.evaluations.request-link"

INVALID_LINK_MESSAGE = _(
    "This link is not valid: it may have been cut or changed. Use the link exactly as it is "
    "in the e-mail, or ask the programme's staff for a new one."
)
USED_LINK_MESSAGE = _("This link was already used: your answers are recorded. Thank you.")


def link_token(request):
    return signing.dumps({"request": request.pk}, salt=LINK_SALT)


def link_path(request):
    return reverse("evaluations:answer", args=[link_token(request)])


def closed_message(request):
    day = date_format(timezone.localtime(request.closes_at), "j F Y")
    return gettext("This evaluation closed on %(day)s; answers are no longer accepted.") % {
        "day": day
    }


def request_from_link(token, *, now=None):
    """The open request a signed link names; EvaluationLinkError for a tampered or unknown
    token, a link already used, and a request closed or past its deadline."""
    now = now or timezone.now()
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        request = (
            EvaluationRequest.objects.select_related("event", "questionnaire")
            .filter(pk=int(payload["request"]))
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        request = None
    if request is None:
        raise EvaluationLinkError(INVALID_LINK_MESSAGE)
    if request.state == RequestState.ANSWERED:
        raise EvaluationLinkError(USED_LINK_MESSAGE)
    if request.state == RequestState.CLOSED or request.closes_at <= now:
        raise EvaluationLinkError(closed_message(request))
    return request
