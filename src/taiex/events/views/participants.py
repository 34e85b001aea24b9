"""Pages of an event's participants: the list with registration, approval, the waiting list and
the private link; a registration's actions; the attendance grid; the letters and certificates
(PDF); and the two public pages: the private registration link and the check-code verification."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taiex.core.workflow import TransitionNotAllowed

from ..enums import PREPARATION_STATES, ParticipantState
from ..forms.participants import (
    LINK_ACTIONS,
    AttendanceForm,
    CancelForm,
    CapacityForm,
    EraseForm,
    LinkForm,
    ParticipantForm,
    RejectForm,
)
from ..models import Event, Participant
from ..participant_documents import (
    DocumentNotAvailable,
    certificate_pdf,
    certificates_pdf,
    confirmation_letter_pdf,
)
from ..participant_lists import (
    attendance_sheets_pdf,
    participants_list_pdf,
    participants_list_workbook,
)
from ..personal_data import export_participant
from ..queries.participants import (
    attendance_grid,
    days_attended,
    no_shows,
    normalized_check_code,
    participant_by_check_code,
    participants_overview,
    waiting_list,
)
from ..services import participants as services
from .event import visible_event_or_404

S = ParticipantState
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require(request, permission, event):
    if not request.user.has_perm(permission, event):
        raise PermissionDenied


def registered_message(participant):
    if participant.state == S.WAITLISTED:
        position = list(waiting_list(participant.event).values_list("pk", flat=True)).index(
            participant.pk
        )
        return _(
            "All seats are taken: %(name)s is on the waiting list (number %(number)s) and moves "
            "up when a seat becomes free."
        ) % {"name": participant.full_name, "number": position + 1}
    return _("%(name)s is registered and waits for approval.") % {"name": participant.full_name}


def render_participants(request, event, *, form=None, status=200):
    can_manage = request.user.has_perm("events.manage_event", event)
    can_register = request.user.has_perm("events.register_participant", event)
    in_preparation = event.state in PREPARATION_STATES
    overview = participants_overview(event)
    for _state, _label, people in overview.groups:
        for person in people:
            person.can_be_erased = can_manage and not services.erasure_refusal(person, event)
    context = {
        "event": event,
        "overview": overview,
        "waiting": [
            person
            for state, _, people in overview.groups
            if state == S.WAITLISTED
            for person in people
        ],
        "can_manage": can_manage,
        "can_register": can_register,
        "in_preparation": in_preparation,
        "form": form if form is not None else ParticipantForm(event=event),
        "capacity_form": CapacityForm(initial={"capacity": event.capacity}),
        "link_actions": LINK_ACTIONS,
        "registration_url": (
            settings.TAIEX_SITE_URL + reverse("events:register", args=[event.registration_token])
            if can_manage and event.registration_token
            else ""
        ),
    }
    return render(request, "events/participants/participants.html", context, status=status)


@login_required
def participants(request, pk):
    """The list by state with the seats; POST registers one person."""
    event = visible_event_or_404(request, pk)
    if request.method != "POST":
        return render_participants(request, event)
    require(request, "events.register_participant", event)
    form = ParticipantForm(request.POST, event=event)
    if form.is_valid():
        try:
            participant = services.register_participant(event, actor=request.user, **form.details())
        except services.ParticipantError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, registered_message(participant))
            return redirect("events:participants", pk=event.pk)
    return render_participants(request, event, form=form, status=400)


ACTION_FORMS = {
    "approve": None,
    "reject": RejectForm,
    "cancel": CancelForm,
    "replace": None,
    "erase": EraseForm,
}
ACTION_TITLES = {
    "approve": gettext_lazy("Approve the registration"),
    "reject": gettext_lazy("Reject the registration"),
    "cancel": gettext_lazy("Cancel the registration"),
    "replace": gettext_lazy("Replace the participant"),
    "erase": gettext_lazy("Erase the personal data"),
}
DONE_MESSAGES = {
    "approve": gettext_lazy("{name} is approved."),
    "reject": gettext_lazy("The registration of {name} is rejected."),
    "cancel": gettext_lazy("The registration of {name} is cancelled."),
    "replace": gettext_lazy("{new} replaces {name}."),
    "erase": gettext_lazy("The personal data of {name} is erased."),
}


def action_form(action, event, data=None):
    if action == "replace":
        return ParticipantForm(data, event=event)
    form_class = ACTION_FORMS[action]
    return form_class(data) if form_class else None


def perform(action, participant, *, actor, form):
    if action == "approve":
        return services.approve_participant(participant, actor=actor)
    if action == "reject":
        return services.reject_participant(
            participant, actor=actor, reason=form.cleaned_data["reason"]
        )
    if action == "cancel":
        return services.cancel_participant(
            participant, actor=actor, reason=form.cleaned_data["reason"]
        )
    if action == "erase":
        return services.erase_participant(
            participant, actor=actor, reason=form.cleaned_data["reason"]
        )
    return services.replace_participant(participant, actor=actor, **form.details())


@login_required
def participant_action(request, pk, participant_pk, action):
    """Approve, reject, cancel or replace one registration: a page with its form, then POST.

    Approving, rejecting and replacing are for staff who manage the event; cancelling also
    for whoever may register participants (the focal point, the NCP)."""
    if action not in ACTION_FORMS:
        raise Http404
    event = visible_event_or_404(request, pk)
    participant = get_object_or_404(
        Participant.objects.select_related("country"), pk=participant_pk, event=event
    )
    participant.event = event
    require(
        request,
        "events.register_participant" if action == "cancel" else "events.manage_event",
        event,
    )
    form = action_form(action, event, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form is None or form.is_valid():
            name = participant.full_name  # before an erasure replaces it
            try:
                result = perform(action, participant, actor=request.user, form=form)
            except TransitionNotAllowed as error:
                messages.error(request, str(error))
                return redirect("events:participants", pk=event.pk)
            except services.ParticipantError as error:
                if form is not None:
                    form.add_error(error.field if error.field in form.fields else None, str(error))
                else:
                    messages.error(request, str(error))
                    return redirect("events:participants", pk=event.pk)
            else:
                messages.success(
                    request,
                    DONE_MESSAGES[action].format(name=name, new=result.full_name),
                )
                return redirect("events:participants", pk=event.pk)
        status = 400
    context = {
        "event": event,
        "participant": participant,
        "action": action,
        "title": ACTION_TITLES[action],
        "form": form,
    }
    return render(request, "events/participants/action.html", context, status=status)


@login_required
@require_POST
def capacity(request, pk):
    event = visible_event_or_404(request, pk)
    require(request, "events.manage_event", event)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_capacity(event, actor=request.user, capacity=form.cleaned_data["capacity"])
        except services.ParticipantError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The capacity is saved."))
    else:
        messages.error(request, " ".join(form.errors["capacity"]))
    return redirect("events:participants", pk=event.pk)


LINK_MESSAGES = {
    "open": gettext_lazy("The registration link accepts registrations."),
    "close": gettext_lazy("The registration link is closed."),
    "reset": gettext_lazy("A new registration link is made; the old one no longer works."),
}


@login_required
@require_POST
def registration_link(request, pk):
    event = visible_event_or_404(request, pk)
    require(request, "events.manage_event", event)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the link."))
        return redirect("events:participants", pk=event.pk)
    action = form.cleaned_data["action"]
    try:
        services.change_registration_link(event, actor=request.user, action=action)
    except services.ParticipantError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, LINK_MESSAGES[action])
    return redirect("events:participants", pk=event.pk)


@login_required
def attendance(request, pk):
    """The attendance grid (approved participants x days) and the no-shows."""
    event = visible_event_or_404(request, pk)
    require(request, "events.manage_event", event)
    days, rows = attendance_grid(event)
    can_record = services.attendance_can_be_recorded(event) and bool(days)
    form = AttendanceForm(request.POST if request.method == "POST" else None, days=days, rows=rows)
    status = 200
    if request.method == "POST":
        if not can_record:
            messages.error(
                request,
                _("Attendance is recorded once the event is implemented or from its first day."),
            )
            return redirect("events:attendance", pk=event.pk)
        if form.is_valid():
            try:
                services.record_attendance(event, actor=request.user, presence=form.presence())
            except services.ParticipantError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The attendance is saved."))
                return redirect("events:attendance", pk=event.pk)
        status = 400
    context = {
        "event": event,
        "form": form,
        "days": days,
        "can_record": can_record,
        "no_shows": list(no_shows(event)) if rows else [],
        "missing": services.attendance_missing(event),
    }
    return render(request, "events/participants/attendance.html", context, status=status)


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_participant_or_404(request, pk, participant_pk):
    event = visible_event_or_404(request, pk)
    participant = get_object_or_404(
        Participant.objects.select_related("country"), pk=participant_pk, event=event
    )
    participant.event = event
    return participant


@login_required
def letter(request, pk, participant_pk):
    """The confirmation letter of an approved participant, for whoever may see the event."""
    participant = event_participant_or_404(request, pk, participant_pk)
    try:
        content = confirmation_letter_pdf(participant)
    except DocumentNotAvailable as error:
        raise Http404(str(error)) from error
    return pdf_response(
        content, f"{participant.event.reference}-letter-{participant.check_code}.pdf"
    )


@login_required
def certificate(request, pk, participant_pk):
    participant = event_participant_or_404(request, pk, participant_pk)
    try:
        content = certificate_pdf(participant)
    except DocumentNotAvailable as error:
        raise Http404(str(error)) from error
    return pdf_response(
        content, f"{participant.event.reference}-certificate-{participant.check_code}.pdf"
    )


@login_required
def certificates(request, pk):
    """All certificates of attendance of the event in one PDF, for staff."""
    event = visible_event_or_404(request, pk)
    require(request, "events.manage_event", event)
    try:
        content = certificates_pdf(event)
    except DocumentNotAvailable as error:
        messages.error(request, str(error))
        return redirect("events:attendance", pk=event.pk)
    return pdf_response(content, f"{event.reference}-certificates.pdf")


def event_staff_event_or_404(request, pk):
    """The event for its staff's lists: 404 for anyone who may not manage it (the lists carry
    every approved participant's name and institution)."""
    event = visible_event_or_404(request, pk)
    if not request.user.has_perm("events.manage_event", event):
        raise Http404
    return event


def list_download(request, pk, make, filename, content_type):
    event = event_staff_event_or_404(request, pk)
    try:
        content = make(event)
    except DocumentNotAvailable as error:
        messages.error(request, str(error))
        return redirect("events:participants", pk=event.pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{event.reference}-{filename}"'
    return response


@login_required
def participants_list(request, pk):
    """The list of the approved participants (PDF), for the venue."""
    return list_download(request, pk, participants_list_pdf, "participants.pdf", "application/pdf")


@login_required
def participants_list_xlsx(request, pk):
    return list_download(request, pk, participants_list_workbook, "participants.xlsx", XLSX)


@login_required
def attendance_sheets(request, pk):
    """The signature sheets, one page per day of the event (PDF)."""
    return list_download(
        request, pk, attendance_sheets_pdf, "attendance-sheets.pdf", "application/pdf"
    )


def register(request, token):
    """The private registration link: no login; open only while staff keep it open and the
    event is being prepared."""
    event = (
        Event.objects.select_related("beneficiary")
        .filter(registration_token=token)
        .exclude(registration_token=None)
        .first()
    )
    if event is None:
        return render(request, "events/participants/register.html", {"unknown": True}, status=404)
    is_open = event.registration_open and event.state in PREPARATION_STATES
    form = ParticipantForm(request.POST if request.method == "POST" else None, event=event)
    status = 200
    if request.method == "POST" and not is_open:
        status = 403
    elif request.method == "POST":
        if form.is_valid():
            try:
                participant = services.register_participant(
                    event, actor=None, via_link=True, **form.details()
                )
            except services.ParticipantError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, public_registered_message(participant))
                return redirect("events:register", token=token)
        status = 400
    context = {"event": event, "form": form, "is_open": is_open}
    return render(request, "events/participants/register.html", context, status=status)


def public_registered_message(participant):
    if participant.state == S.WAITLISTED:
        return _(
            "All seats are taken: your registration is on the waiting list. We tell you by "
            "e-mail if a seat becomes free."
        )
    return _("Thank you: your registration is received. We tell you by e-mail once it is approved.")


def verify_lookup(request):
    """The form of the verification page: a typed code goes to its page."""
    typed = request.GET.get("code", "").strip()
    # The code as printed may carry spaces, dashes or slips such as "/"; only its letters and
    # digits make the address of its page (a "/" would not fit in one).
    code = normalized_check_code(typed)
    if code:
        return redirect("events:verify", code=code)
    if typed:
        return render(
            request, "events/participants/verify.html", {"unknown_code": typed}, status=404
        )
    return render(request, "events/participants/verify.html", {"lookup": True})


def verify(request, code):
    """Public: is a confirmation letter or certificate with this check code genuine?"""
    participant = participant_by_check_code(code)
    if participant is None:
        return render(
            request, "events/participants/verify.html", {"unknown_code": code}, status=404
        )
    context = {
        "participant": participant,
        "event": participant.event,
        "days": days_attended(participant),
    }
    return render(request, "events/participants/verify.html", context)


@login_required
def participant_data(request, pk, participant_pk):
    """The export of what is held under a participant's address, for staff managing the event
    who answer the person's request for their data."""
    event = visible_event_or_404(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, event=event)
    require(request, "events.manage_event", event)
    response = HttpResponse(
        json.dumps(export_participant(participant), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="taiex-participant-{participant.pk}.json"'
    )
    return response
