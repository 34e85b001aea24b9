"""Views of the participant's own page. The signed link is the key: an altered or unknown link
gets a 404 page and an expired one a 410 page, each saying what to do. Writes go through the
events services (cancelling is the staff's cancellation, logged with no actor)."""

import hashlib

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taiex.accounts.signin import client_address
from taiex.evaluations.enums import RequestState
from taiex.evaluations.queries import participant_request_of
from taiex.evaluations.services.links import link_path
from taiex.events.enums import PUBLIC_STATES, ParticipantState
from taiex.events.participant_documents import (
    DocumentNotAvailable,
    certificate_pdf,
    confirmation_letter_pdf,
)
from taiex.events.queries.agenda import agenda_days, time_zone_label
from taiex.events.queries.participants import days_attended, meeting_link_of, waiting_list
from taiex.events.services.own_registration import (
    RegistrationLinkError,
    cancel_own_registration,
    cancellation_refusal,
    registration_from_link,
    send_registration_links,
)
from taiex.events.services.participants import ParticipantError
from taiex.events.views.participants import pdf_response

from .forms import CancelOwnRegistrationForm, LinkRequestForm
from .rate_limits import within_limit

S = ParticipantState
# The form that sends the links again: at most REQUESTS_PER_CLIENT asks an hour from one client
# (then a 429 page), and at most SENDS_PER_ADDRESS e-mails an hour to one address (beyond, the
# same answer and nothing sent, so the form cannot flood a mailbox or tell who registered).
REQUESTS_PER_CLIENT = 10
SENDS_PER_ADDRESS = 3
WINDOW_SECONDS = 3600


def gone_page(request, error):
    return render(
        request,
        "portal/participants/link_gone.html",
        {"message": str(error), "expired": error.expired},
        status=410 if error.expired else 404,
    )


def evaluation_of(participant, event):
    """The participant's evaluation as {"state", "url", "closes_at"}: "open" with the link to
    answer, "answered", "closed"; None when nobody asked them yet."""
    request = participant_request_of(event, participant.email)
    if request is None:
        return None
    if request.state == RequestState.ANSWERED:
        return {"state": "answered"}
    if request.state == RequestState.OPEN and request.closes_at > timezone.now():
        return {"state": "open", "url": link_path(request), "closes_at": request.closes_at}
    return {"state": "closed"}


def render_own_page(request, token, own, *, cancel_form=None):
    participant = own.participant
    event = participant.event
    is_approved = participant.state == S.APPROVED
    attended = days_attended(participant) if event.state in PUBLIC_STATES else []
    position = None
    if participant.state == S.WAITLISTED:
        position = list(waiting_list(event).values_list("pk", flat=True)).index(participant.pk) + 1
    context = {
        "participant": participant,
        "event": event,
        "token": token,
        "rule": own.rule,
        "agenda": agenda_days(event),
        "time_zone": time_zone_label(event),
        "meeting_link": meeting_link_of(event) if is_approved else "",
        "has_letter": is_approved,
        "days_attended": attended,
        "evaluation": evaluation_of(participant, event),
        "waiting_position": position,
        "cancel_refusal": cancellation_refusal(participant, event, today=timezone.localdate()),
        "cancel_form": cancel_form or CancelOwnRegistrationForm(),
    }
    status = 400 if cancel_form is not None and cancel_form.errors else 200
    return render(request, "portal/participants/own.html", context, status=status)


def own_registration(request, token):
    """The participant's own page through their personal link."""
    try:
        own = registration_from_link(token)
    except RegistrationLinkError as error:
        return gone_page(request, error)
    return render_own_page(request, token, own)


@require_POST
def cancel_registration(request, token):
    """ "I can no longer come": cancels the registration with the reason given."""
    try:
        own = registration_from_link(token)
    except RegistrationLinkError as error:
        return gone_page(request, error)
    form = CancelOwnRegistrationForm(request.POST)
    if not form.is_valid():
        return render_own_page(request, token, own, cancel_form=form)
    try:
        cancel_own_registration(own.participant, reason=form.cleaned_data["reason"])
    except ParticipantError as error:
        if error.field == "reason":
            form.add_error("reason", str(error))
            return render_own_page(request, token, own, cancel_form=form)
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Your registration is cancelled. Thank you for telling us: your seat goes to the "
                "next person on the waiting list."
            ),
        )
    return redirect("portal:own_registration", token=token)


def own_document(request, token, make, name):
    try:
        own = registration_from_link(token)
    except RegistrationLinkError as error:
        return gone_page(request, error)
    participant = own.participant
    try:
        content = make(participant)
    except DocumentNotAvailable as error:
        return render(
            request,
            "portal/participants/link_gone.html",
            {"message": str(error), "document": True, "token": token},
            status=404,
        )
    return pdf_response(
        content, f"{participant.event.reference}-{name}-{participant.check_code}.pdf"
    )


def own_letter(request, token):
    return own_document(request, token, confirmation_letter_pdf, "letter")


def own_certificate(request, token):
    return own_document(request, token, certificate_pdf, "certificate")


def hashed(value):
    return hashlib.sha256(value.encode()).hexdigest()


LINK_REQUEST_ANSWER = gettext_lazy(
    "If a registration is held under this address, its personal link is on its way: check "
    "your mailbox (and its spam folder) in a few minutes."
)


def request_link(request):
    """The public form that sends the personal links again. It answers the same whether or
    not the address has a registration: the page must not tell who registered."""
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(request, "portal/participants/request_link.html", {"form": form})
    if not within_limit(
        f"own-link:client:{hashed(client_address(request) or '')}",
        limit=REQUESTS_PER_CLIENT,
        seconds=WINDOW_SECONDS,
    ):
        return render(
            request,
            "portal/participants/request_link.html",
            {"form": form, "too_many": True},
            status=429,
        )
    if not form.is_valid():
        return render(request, "portal/participants/request_link.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].lower()
    if within_limit(
        f"own-link:address:{hashed(email)}", limit=SENDS_PER_ADDRESS, seconds=WINDOW_SECONDS
    ):
        send_registration_links(email, event_reference=form.cleaned_data["event"])
    messages.success(request, LINK_REQUEST_ANSWER)
    return redirect("portal:own_registration_link")
