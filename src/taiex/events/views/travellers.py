"""Pages of travelling participants: the case handler marks who travels (from the travel page),
checks their receipts and sends them their personal link; the participant, without an account,
uses that signed link to upload receipts, enter their bank details and follow their statement.

Marking who travels is logistics (`events.manage_event`, 403 for staff who only read it). The
receipts and the statement are money: 404 for anyone who does not see the event's money
(`views.fees.money_event_or_404`), 403 for a change by who may read but not manage.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from taiex.core.audit import activity_of

from ..enums import ParticipantState
from ..forms.fees import BankDetailsForm
from ..forms.travellers import (
    PassportNameForm,
    ReceiptForm,
    RefuseReceiptForm,
    TravelMarkingForm,
)
from ..models import Participant, TravelReceipt
from ..queries.fees import is_travelling, statement_of_participant
from ..services.bank_details import BankDetailsInvalid, save_bank_details
from ..services.errors import EventError
from ..services.passport_names import save_passport_name
from ..services.travellers import (
    decide_receipt,
    link_expires_on,
    mark_travelling,
    participant_from_token,
    send_traveller_link,
    upload_receipt,
)
from .fees import money_event_or_404, staff_event


@login_required
@require_POST
def travel_marking(request, pk, participant_pk):
    event = staff_event(request, pk, manage=True)
    participant = get_object_or_404(
        Participant, pk=participant_pk, event=event, state=ParticipantState.APPROVED
    )
    form = TravelMarkingForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose whether the participant travels."))
        return redirect("events:logistics", event.pk)
    try:
        mark_travelling(participant, actor=request.user, marking=form.cleaned_data["marking"])
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("%(name)s: %(marking)s.")
            % {
                "name": participant.full_name,
                "marking": participant.get_travel_marking_display().lower(),
            },
        )
    return redirect("events:logistics", event.pk)


def receipt_values(form):
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "amount": data["amount"],
        "description": data["description"],
        "upload": data["file"],
    }


def travelling_participant_or_404(event, participant_pk):
    participant = get_object_or_404(
        Participant.objects.select_related("country"), pk=participant_pk, event=event
    )
    if not is_travelling(event, participant):
        raise Http404
    return participant


def render_traveller(request, event, participant, *, receipt_form=None, refuse_forms=None):
    can_manage = request.user.has_perm("events.manage_event", event)
    refuse_forms = refuse_forms or {}
    receipts = list(participant.travel_receipts.select_related("uploaded_by", "decided_by"))
    for receipt in receipts:
        receipt.refuse_form = refuse_forms.get(receipt.pk) or RefuseReceiptForm(
            auto_id=f"id_refuse_{receipt.pk}_%s"
        )
    context = {
        "event": event,
        "participant": participant,
        "receipts": receipts,
        "statement": statement_of_participant(participant),
        "receipt_form": receipt_form or ReceiptForm(),
        "refuse_forms": refuse_forms,
        "can_manage": can_manage,
        "timeline": activity_of(participant),
    }
    status = 400 if (receipt_form and receipt_form.errors) or refuse_forms else 200
    return render(request, "events/travellers/traveller.html", context, status=status)


@login_required
def traveller(request, pk, participant_pk):
    """A travelling participant's receipts and statement, for those who see the money."""
    event = money_event_or_404(request, pk, manage=request.method == "POST")
    participant = travelling_participant_or_404(event, participant_pk)
    if request.method != "POST":
        return render_traveller(request, event, participant)
    form = ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_receipt(participant, actor=request.user, **receipt_values(form))
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, gettext("The receipt is saved."))
            return redirect("events:traveller", event.pk, participant.pk)
    return render_traveller(request, event, participant, receipt_form=form)


@login_required
@require_POST
def receipt_decide(request, pk, participant_pk, receipt_pk, decision):
    event = money_event_or_404(request, pk, manage=True)
    participant = travelling_participant_or_404(event, participant_pk)
    receipt = get_object_or_404(TravelReceipt, pk=receipt_pk, participant=participant)
    if decision not in ("approve", "refuse"):
        raise Http404
    form = RefuseReceiptForm(request.POST, auto_id=f"id_refuse_{receipt.pk}_%s")
    approve = decision == "approve"
    if not approve and not form.is_valid():
        return render_traveller(request, event, participant, refuse_forms={receipt.pk: form})
    try:
        decide_receipt(
            receipt,
            actor=request.user,
            approve=approve,
            reason="" if approve else form.cleaned_data["reason"],
        )
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("The receipt is approved.")
            if decision == "approve"
            else gettext("The receipt is refused."),
        )
    return redirect("events:traveller", event.pk, participant.pk)


def receipt_response(receipt):
    if not receipt.file:
        raise Http404  # erased with the participant's personal data
    try:
        handle = receipt.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=receipt.original_name,
        content_type=receipt.content_type,
    )


@login_required
def receipt_file(request, pk, participant_pk, receipt_pk):
    event = money_event_or_404(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, event=event)
    receipt = get_object_or_404(TravelReceipt, pk=receipt_pk, participant=participant)
    return receipt_response(receipt)


@login_required
@require_POST
def traveller_link(request, pk, participant_pk):
    event = money_event_or_404(request, pk, manage=True)
    participant = travelling_participant_or_404(event, participant_pk)
    try:
        send_traveller_link(participant, actor=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("The personal link is sent to %(email)s.") % {"email": participant.email},
        )
    return redirect("events:traveller", event.pk, participant.pk)


def participant_or_404(token):
    participant = participant_from_token(token)
    if participant is None:
        raise Http404
    return participant


def own_page(request, token, participant, *, receipt_form=None, bank_form=None, passport_form=None):
    account = getattr(participant, "bank_account", None)
    context = {
        "participant": participant,
        "event": participant.event,
        "token": token,
        "statement": statement_of_participant(participant),
        "receipts": list(participant.travel_receipts.all()),
        "receipt_form": receipt_form or ReceiptForm(),
        "bank_form": bank_form or BankDetailsForm(),
        "passport_form": passport_form
        or PassportNameForm(initial={"passport_name": participant.passport_name}),
        "account": account,
        "expires_on": link_expires_on(participant.event),
    }
    bad = (
        (receipt_form and receipt_form.errors)
        or (bank_form and bank_form.errors)
        or (passport_form and passport_form.errors)
    )
    return render(request, "events/travellers/own.html", context, status=400 if bad else 200)


def own_travel_costs(request, token):
    """The participant's own page through their personal link: receipts, bank details, the
    state of their statement. No account; the signed link is the key."""
    participant = participant_or_404(token)
    if request.method != "POST":
        return own_page(request, token, participant)
    if request.POST.get("part") == "passport":
        form = PassportNameForm(request.POST)
        if form.is_valid():
            try:
                save_passport_name(participant, form.cleaned_data["passport_name"], actor=None)
            except EventError as error:
                form.add_error(error.field, str(error))
            else:
                messages.success(request, gettext("Your name as in your passport is saved."))
                return redirect(request.path)
        return own_page(request, token, participant, passport_form=form)
    if request.POST.get("part") == "bank":
        form = BankDetailsForm(request.POST)
        if form.is_valid():
            try:
                save_bank_details(participant, actor=None, **form.cleaned_data)
            except BankDetailsInvalid as error:
                for field, problem in error.problems.items():
                    form.add_error(field, problem)
            else:
                messages.success(request, gettext("Your bank details are saved."))
                return redirect(request.path)
        return own_page(request, token, participant, bank_form=form)
    form = ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_receipt(participant, actor=None, **receipt_values(form))
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request, gettext("Your receipt is saved; the case handler will check it.")
            )
            return redirect(request.path)
    return own_page(request, token, participant, receipt_form=form)


def own_receipt_file(request, token, receipt_pk):
    participant = participant_or_404(token)
    receipt = get_object_or_404(TravelReceipt, pk=receipt_pk, participant=participant)
    return receipt_response(receipt)
