"""Writes on travelling participants: marking who travels (a workflow of its own, beside the
registration's), their train and local transport receipts (uploaded by the participant through
their personal link or by staff, checked by name, content and size like the other uploads,
approved or refused by who manages the event), and the signed personal link that gives the
participant, who has no account, their receipts, their bank details and their statement.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from taiex.core.audit import log_action
from taiex.core.mail import notify
from taiex.core.workflow import TransitionNotAllowed, Workflow

from ..enums import (
    RECEIPT_MAX_BYTES,
    RECEIPT_TYPES,
    ParticipantState,
    ReceiptKind,
    ReceiptState,
    StatementState,
    TravelMarking,
)
from ..models import FeeStatement, Participant, TravelReceipt
from ..queries.fees import is_travelling
from .documents import megabytes
from .errors import EventError
from .personal_links import participant_of_token, participant_token

# Who travels: by the event's rule, or as the case handler marked it; every marking can be
# changed to any other (the case handler corrects a mistake), each move audited.
travel_marking_workflow = Workflow(
    model=Participant,
    state_field="travel_marking",
    moves={
        (TravelMarking.AUTOMATIC, TravelMarking.TRAVELLING): "mark_travelling",
        (TravelMarking.AUTOMATIC, TravelMarking.NOT_TRAVELLING): "mark_not_travelling",
        (TravelMarking.TRAVELLING, TravelMarking.NOT_TRAVELLING): "mark_not_travelling",
        (TravelMarking.NOT_TRAVELLING, TravelMarking.TRAVELLING): "mark_travelling",
        (TravelMarking.TRAVELLING, TravelMarking.AUTOMATIC): "travel_by_rule",
        (TravelMarking.NOT_TRAVELLING, TravelMarking.AUTOMATIC): "travel_by_rule",
    },
    labels=dict(TravelMarking.choices),
)

# A receipt is checked once: approved (refunded on the statement) or refused with a reason.
receipt_workflow = Workflow(
    model=TravelReceipt,
    moves={
        (ReceiptState.SUBMITTED, ReceiptState.APPROVED): "approve_receipt",
        (ReceiptState.SUBMITTED, ReceiptState.REFUSED): "refuse_receipt",
    },
    labels=dict(ReceiptState.choices),
)

LINK_SALT = "taiex.events.traveller-link"
# The personal link works until a year after the event ends (receipts and bank details come
# after it, and a rejected payment may need new bank details months later); it names the
# participant and their address, so an erased registration's link dies.
LINK_DAYS_AFTER_EVENT = 365
RECEIPT_MAX_AMOUNT = Decimal("5000.00")


def mark_travelling(participant, *, actor, marking, note="") -> Participant:
    """Mark `participant` travelling, not travelling, or back to the event's rule. Refused for a
    registration that is not approved, or a move to the marking it has. Audited on the
    participant and in the event's history."""
    if marking not in TravelMarking.values:
        raise EventError(gettext("Choose whether the participant travels."), "marking")
    if participant.state != ParticipantState.APPROVED:
        raise EventError(gettext("Only an approved participant can be marked travelling or not."))
    with transaction.atomic():
        try:
            locked = travel_marking_workflow.transition(
                participant, marking, actor=actor, note=note
            )
        except TransitionNotAllowed as error:
            raise EventError(
                gettext("%(name)s is already %(marking)s.")
                % {
                    "name": participant.full_name,
                    "marking": str(TravelMarking(marking).label).lower(),
                }
            ) from error
        log_action(
            locked.event,
            actor=actor,
            action="mark_participant_travel",
            note=f"{locked.full_name}: {TravelMarking(marking).label.lower()}.",
            data={"participant": locked.pk},
        )
    participant.travel_marking = locked.travel_marking
    return locked


def receipt_upload_problem(upload):
    """Why `upload` cannot be stored as a receipt (a sentence for the file field), or ""."""
    if upload is None:
        return gettext("Choose the file of the receipt.")
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in RECEIPT_TYPES:
        return gettext("“%(name)s” is not an allowed type: upload a PDF, JPEG or PNG file.") % {
            "name": name
        }
    if upload.size == 0:
        return gettext("“%(name)s” is empty.") % {"name": name}
    if upload.size > RECEIPT_MAX_BYTES:
        return gettext("“%(name)s” is %(size)s; a receipt may have at most %(limit)s.") % {
            "name": name,
            "size": megabytes(upload.size),
            "limit": megabytes(RECEIPT_MAX_BYTES),
        }
    signature, _content_type = RECEIPT_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        return gettext("The content of “%(name)s” is not a %(type)s file.") % {
            "name": name,
            "type": extension[1:].upper(),
        }
    return ""


def checked_amount(value):
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise EventError(gettext("Give the amount in euros, such as 12.40."), "amount") from None
    if not amount.is_finite():
        raise EventError(gettext("Give the amount in euros, such as 12.40."), "amount")
    if amount <= 0:
        raise EventError(gettext("The amount must be more than 0."), "amount")
    if amount > RECEIPT_MAX_AMOUNT:
        raise EventError(
            gettext("A receipt refunds at most %(amount)s EUR: ask the case handler.")
            % {"amount": RECEIPT_MAX_AMOUNT},
            "amount",
        )
    return amount


def statement_is_open(participant, *, lock=False):
    """Whether receipts of `participant` may still change: no statement, or a draft or rejected
    one. With `lock`, the statement's row is locked (approval locks it too, so a receipt cannot
    slip in beside an approval)."""
    statements = FeeStatement.objects.filter(participant=participant)
    if lock:
        statements = statements.select_for_update()
    statement = statements.first()
    return statement is None or statement.state in (StatementState.DRAFT, StatementState.REJECTED)


def upload_receipt(participant, *, actor, kind, amount, upload, description="") -> TravelReceipt:
    """Store a receipt of a travelling participant after checking its kind, amount, and file
    (type by name and content, size). `actor` is None when the participant used their personal
    link. Refused (EventError naming the field, nothing stored) when a check fails, the
    participant does not travel, or their statement is approved already."""
    event = participant.event
    if not is_travelling(event, participant):
        raise EventError(
            gettext("%(name)s does not travel at the programme's cost.")
            % {"name": participant.full_name}
        )
    if kind not in ReceiptKind.values:
        raise EventError(gettext("Choose the kind of receipt."), "kind")
    amount = checked_amount(amount)
    problem = receipt_upload_problem(upload)
    if problem:
        raise EventError(problem, "file")
    if not statement_is_open(participant):
        raise EventError(
            gettext("The statement is approved already: a new receipt cannot be added to it.")
        )
    name = PurePath(upload.name).name
    receipt = TravelReceipt(
        event=event,
        participant=participant,
        kind=kind,
        description=(description or "").strip()[:200],
        amount=amount,
        original_name=name[:200],
        content_type=RECEIPT_TYPES[PurePath(name).suffix.lower()][1],
        size=upload.size,
        uploaded_by=actor,
    )
    upload.seek(0)
    receipt.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            if not statement_is_open(participant, lock=True):
                raise EventError(
                    gettext(
                        "The statement is approved already: a new receipt cannot be added to it."
                    )
                )
            receipt.save()
            log_action(
                event,
                actor=actor,
                action="upload_receipt",
                note=f"{receipt.get_kind_display()} receipt of {participant.full_name}: "
                f"{amount} EUR.",
                data={"receipt": receipt.pk},
            )
    except Exception:
        receipt.file.delete(save=False)
        raise
    return receipt


def decide_receipt(receipt, *, actor, approve, reason="") -> TravelReceipt:
    """Approve a submitted receipt (it is refunded when the statement is computed again) or
    refuse it with a reason. Refused when the participant's statement is approved already."""
    reason = (reason or "").strip()
    if not approve and not reason:
        raise EventError(gettext("Say why the receipt is refused."), "reason")
    if not statement_is_open(receipt.participant):
        raise EventError(gettext("The statement is approved already: its receipts cannot change."))
    to_state = ReceiptState.APPROVED if approve else ReceiptState.REFUSED
    with transaction.atomic():
        if not statement_is_open(receipt.participant, lock=True):
            raise EventError(
                gettext("The statement is approved already: its receipts cannot change.")
            )
        try:
            locked = receipt_workflow.transition(
                receipt,
                to_state,
                actor=actor,
                note=reason,
                changes={
                    "decided_by": actor,
                    "decided_at": timezone.now(),
                    "refusal_reason": "" if approve else reason,
                },
            )
        except TransitionNotAllowed as error:
            raise EventError(
                gettext("The receipt is %(state)s already.")
                % {"state": receipt.get_state_display().lower()}
            ) from error
        log_action(
            locked.event,
            actor=actor,
            action="approve_receipt" if approve else "refuse_receipt",
            note=f"{locked.get_kind_display()} receipt of {locked.participant.full_name} "
            f"({locked.amount} EUR) {'approved' if approve else 'refused: ' + reason}.",
            data={"receipt": locked.pk},
        )
    return locked


def traveller_token(participant) -> str:
    return participant_token(participant, salt=LINK_SALT)


def link_expires_on(event):
    """The last day a personal link of `event` works: LINK_DAYS_AFTER_EVENT after it ends."""
    last = event.end_date or event.start_date
    return None if last is None else last + timedelta(days=LINK_DAYS_AFTER_EVENT)


def participant_from_token(token):
    """The travelling participant of a personal link, or None when the link is altered, past
    `link_expires_on`, its participant's address changed (an erased registration) or they no
    longer travel."""
    participant = participant_of_token(
        token,
        salt=LINK_SALT,
        queryset=Participant.objects.select_related("event", "country"),
    )
    if participant is None or not is_travelling(participant.event, participant):
        return None
    expires_on = link_expires_on(participant.event)
    if expires_on is not None and timezone.localdate() > expires_on:
        return None
    return participant


def send_traveller_link(participant, *, actor) -> str:
    """E-mail a travelling participant their personal link (receipts, bank details, the state
    of their statement); returns the link's path. Logged on the participant."""
    if not is_travelling(participant.event, participant):
        raise EventError(
            gettext("%(name)s does not travel at the programme's cost.")
            % {"name": participant.full_name}
        )
    path = reverse("events:own_travel_costs", args=[traveller_token(participant)])
    with transaction.atomic():
        notify(
            # The participant, not their address: the e-mail is in their language once their
            # registration keeps one (core.languages.language_of), or their account's.
            [participant],
            subject=format_lazy(
                gettext_lazy("Your travel costs for {reference}"),
                reference=participant.event.reference,
            ),
            template="events/travellers/link_email.txt",
            context={
                "participant": participant,
                "event": participant.event,
                "path": path,
                "days": LINK_DAYS_AFTER_EVENT,
            },
        )
        log_action(
            participant,
            actor=actor,
            action="send_traveller_link",
            note=f"Personal link for travel costs sent to {participant.email}.",
        )
    return path
