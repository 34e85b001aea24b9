"""An erased expert's trace in the events they were on: their travel loses its places and
flights, and the audit rows of that travel and the history of those events lose the name
("Travel of ...: booked.", "Fee statement of ... approved"). Registered with
`core.personal_data` (the expert database, below events, erases the person)."""

from taiex.core.personal_data import erasure_step, export_section, replace_name_in_audit

from .models import BankAccount, Event, EventExpert, Travel


@erasure_step
def erase_expert_traces(user, *, name, placeholder):
    places = EventExpert.objects.filter(expert__user=user)
    travels = Travel.objects.filter(event_expert__in=places)
    travel_ids = list(travels.values_list("pk", flat=True))
    event_ids = sorted(set(places.values_list("event_id", flat=True)))
    travels.update(from_place="", to_place="", flight_details="", note="")
    replace_name_in_audit(Travel, travel_ids, name=name, placeholder=placeholder)
    replace_name_in_audit(Event, event_ids, name=name, placeholder=placeholder)


@erasure_step
def erase_bank_details(user, *, name, placeholder):
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
