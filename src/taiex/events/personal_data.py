"""An erased expert's trace in the events they were on: their travel loses its places and
flights, and the audit rows of that travel and the history of those events lose the name
("Travel of ...: booked.", "Fee statement of ... approved"). Registered with
`core.personal_data` (the expert database, below events, erases the person). A payee's bank
details are exported to them and deleted on erasure. And the retention of participants' contact
data (`core.retention`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy

from taiex.core.models import RetentionAnchor
from taiex.core.personal_data import (
    address_erasure_step,
    address_export_section,
    erasure_step,
    export_section,
    exported_address_sections,
    replace_name_in_audit,
)
from taiex.core.retention import retention_kind

from .models import (
    BankAccount,
    Booking,
    Event,
    EventExpert,
    FeeStatement,
    HostAgreement,
    Participant,
    Travel,
    TravelReceipt,
)
from .services.participants import ERASED_DOMAIN, anonymise_participant


@erasure_step
def erase_expert_traces(user, *, name, placeholder, email=""):
    places = EventExpert.objects.filter(expert__user=user)
    travels = Travel.objects.filter(event_expert__in=places)
    travel_ids = list(travels.values_list("pk", flat=True))
    event_ids = sorted(set(places.values_list("event_id", flat=True)))
    travels.update(from_place="", to_place="", flight_details="", note="")
    # Their hotel bookings keep supplier, dates and cost (the event's cost) but lose the note.
    Booking.objects.filter(event_expert__in=places).update(note="")
    replace_name_in_audit(Travel, travel_ids, name=name, placeholder=placeholder)
    replace_name_in_audit(Event, event_ids, name=name, placeholder=placeholder)


@erasure_step
def erase_bank_details(user, *, name, placeholder, email=""):
    """An erased person's bank details go entirely (nothing is paid to an erased account), and
    their name leaves the audit rows of those details."""
    accounts = BankAccount.objects.filter(user=user)
    replace_name_in_audit(
        BankAccount, list(accounts.values_list("pk", flat=True)), name=name, placeholder=placeholder
    )
    accounts.delete()


@export_section("bank_details")
def export_bank_details(user):
    """The person's own bank details, in full: the export goes to the person themself."""
    account = BankAccount.objects.filter(user=user).first()
    if account is None:
        return None
    return {
        "account_holder": account.account_holder,
        "iban": account.iban,
        "bic": account.bic,
        "updated_at": account.updated_at.isoformat(),
    }


def participants_due(cutoff, anchor):
    """Registrations of events that ended before `cutoff` (an event without an end day counts
    from its first day), not yet erased."""
    return (
        Participant.objects.filter(
            Q(event__end_date__lt=cutoff)
            | Q(event__end_date__isnull=True, event__start_date__lt=cutoff)
        )
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .select_related("event")
        .order_by("event__end_date", "pk")
    )


@retention_kind(
    "participant_contact_data",
    label=gettext_lazy("Contact data of participants (name, e-mail, phone, position, travel)"),
    audiences=("participants",),
    anchors=(RetentionAnchor.EVENT_END,),
    due=participants_due,
    describe=lambda row: f"{row.event.reference}: {row.full_name} ({row.institution})",
    what_happens=gettext_lazy(
        "the name, address, phone, position and travel go, and a travelling participant's bank "
        "details and receipt files; the registration stays (institution, country, attendance) "
        "with the statement's amounts, so that the event's figures and payments do not change"
    ),
)
def anonymise_due_participants(participants):
    for participant in participants:
        anonymise_participant(participant)


@address_export_section("host_contacts")
def exported_host_contacts(email):
    """The asks to host a study visit written to the address (a host administration's contact
    address: usually a functional mailbox, sometimes a person's)."""
    rows = (
        HostAgreement.objects.filter(contact_email__iexact=email)
        .select_related("event", "institution")
        .order_by("asked_at", "pk")
    )
    return [
        {
            "event": row.event.reference,
            "institution": row.institution.name,
            "state": row.state,
            "contact_language": row.contact_language,
            "asked_at": row.asked_at.isoformat(),
        }
        for row in rows
    ]


@address_erasure_step
def erase_host_contacts(email, *, event_ids=None):
    """The address and its language leave the asks written to it (the ask and its answer
    stay)."""
    rows = HostAgreement.objects.filter(contact_email__iexact=email)
    if event_ids is not None:
        rows = rows.filter(event_id__in=event_ids)
    rows.update(contact_email="", contact_language="")


@address_export_section("registrations")
def exported_registrations(email):
    """Every registration under the address, with its attendance and travel."""
    rows = (
        Participant.objects.filter(email__iexact=email)
        .select_related("event", "country", "travel")
        .prefetch_related("attendance")
        .order_by("registered_at", "pk")
    )
    result = []
    for row in rows:
        travel = getattr(row, "travel", None)
        result.append(
            {
                "event": row.event.reference,
                "full_name": row.full_name,
                "passport_name": row.passport_name,
                "email": row.email,
                "phone": row.phone,
                "position": row.position,
                "institution": row.institution,
                "country": row.country.code,
                "state": row.state,
                "registered_at": row.registered_at.isoformat(),
                "check_code": row.check_code,
                "note": row.note,
                "attendance": [
                    {"day": day.day.isoformat(), "present": day.present}
                    for day in sorted(row.attendance.all(), key=lambda day: day.day)
                ],
                "travel": None
                if travel is None
                else {
                    "from": travel.from_place,
                    "to": travel.to_place,
                    "outbound_date": travel.outbound_date.isoformat(),
                    "return_date": travel.return_date.isoformat(),
                    "flight_details": travel.flight_details,
                },
                **travel_costs_of(row),
            }
        )
    return result


def travel_costs_of(participant):
    """A registration's travel costs: the marking, the statement, the receipts and the bank
    details (IBAN masked: staff download this export, and only finance reads an IBAN)."""
    statement = FeeStatement.objects.filter(participant=participant).first()
    account = BankAccount.objects.filter(participant=participant).first()
    return {
        "travel_marking": participant.travel_marking,
        "travel_statement": None
        if statement is None
        else {
            "state": statement.state,
            "allowance_total": str(statement.allowance_total),
            "refund_total": str(statement.refund_total),
            "total": str(statement.total),
            "payment_reference": statement.payment_reference,
            "paid_on": statement.paid_on.isoformat() if statement.paid_on else None,
            "lines": statement.lines,
        },
        "receipts": [
            {
                "kind": receipt.kind,
                "journey": receipt.description,
                "amount": str(receipt.amount),
                "file": receipt.original_name,
                "state": receipt.state,
                "uploaded_at": receipt.uploaded_at.isoformat(),
                "refusal_reason": receipt.refusal_reason,
            }
            for receipt in TravelReceipt.objects.filter(participant=participant).order_by("pk")
        ],
        "bank_details": None
        if account is None
        else {
            "account_holder": account.account_holder,
            "iban": account.masked_iban,
            "bic": account.bic,
            "updated_at": account.updated_at.isoformat(),
        },
    }


def export_participant(participant) -> dict:
    """Everything held under a participant's address (their registrations, evaluation links,
    contact rows), for staff answering the person's request for their data."""
    return {"address": participant.email, **exported_address_sections(participant.email)}
