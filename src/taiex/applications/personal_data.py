"""Personal data in requests: the contact persons (export and erasure by address, retention
after the request is closed) and an applicant's own requests in their export and erasure
(registered with `core.personal_data` and `core.retention`). The requests stay: their
decisions are the instrument's record; only the names go."""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core.audit import log_action
from taiex.core.models import RetentionAnchor
from taiex.core.personal_data import (
    address_erasure_step,
    address_export_section,
    erasure_step,
    export_section,
    exported_address_sections,
    replace_name_in_audit,
    run_address_erasure_steps,
)
from taiex.core.retention import retention_kind

from .enums import ApplicationState
from .models import Application, ContactPerson

ERASED_CONTACT = "Erased contact person"
ERASED_DOMAIN = "erased.invalid"
CLOSED_STATES = [ApplicationState.APPROVED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN]


class ContactErasureError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def is_erased(contact):
    return contact.email.endswith("@" + ERASED_DOMAIN)


def _contact_rows(contacts):
    return [
        {
            "request": contact.application.reference or f"Draft {contact.application_id}",
            "title": contact.application.title,
            "name": contact.name,
            "position": contact.position,
            "email": contact.email,
            "phone": contact.phone,
        }
        for contact in contacts.select_related("application").order_by("pk")
    ]


@address_export_section("request_contacts")
def exported_contacts_of_address(email):
    return _contact_rows(ContactPerson.objects.filter(email__iexact=email))


def export_contact_person(contact) -> dict:
    """Everything held under a contact person's address, as JSON-ready data (for staff who
    answer the person's request for their data)."""
    return {"address": contact.email, **exported_address_sections(contact.email)}


@export_section("requests_created")
def exported_requests_of_user(user):
    return [
        {
            "reference": application.reference,
            "title": application.title,
            "state": application.state,
            "created_at": application.created_at.isoformat(),
        }
        for application in Application.objects.filter(created_by=user).order_by("created_at", "pk")
    ]


def anonymise_contacts(contacts):
    """Each contact loses name, position, address and phone; the history of its request loses
    the name."""
    for contact in contacts:
        ContactPerson.objects.filter(pk=contact.pk).update(
            name=ERASED_CONTACT,
            position="",
            email=f"contact-{contact.pk}@{ERASED_DOMAIN}",
            phone="",
        )
        replace_name_in_audit(
            Application, [contact.application_id], name=contact.name, placeholder=ERASED_CONTACT
        )


def erase_contact_person(contact, *, actor, reason):
    """Erase a contact person of a request on their request: the row is anonymised (the
    request keeps that it had a contact), and so is every other contact row and evaluation
    link under the same address (registered address erasure steps). Refused without a
    reason and for a contact already erased. One audit row on the request."""
    reason = (reason or "").strip()
    if not reason:
        raise ContactErasureError(
            _("Say why the personal data is erased (for example: at the person's request)."),
            "reason",
        )
    with transaction.atomic():
        locked = ContactPerson.objects.select_for_update().get(pk=contact.pk)
        if is_erased(locked):
            raise ContactErasureError(
                _("The personal data of this contact person is already erased.")
            )
        email = locked.email
        same_address = list(
            ContactPerson.objects.select_for_update().filter(email__iexact=email).order_by("pk")
        )
        anonymise_contacts(same_address)
        run_address_erasure_steps(email)
        log_action(
            locked.application,
            actor=actor,
            action="erase_contact_person",
            note=f"Personal data of contact person no. {locked.pk} erased: {reason}",
            data={"contacts": [row.pk for row in same_address]},
        )
    contact.refresh_from_db()
    return contact


@address_erasure_step
def erase_contacts_of_address(email, *, event_ids=None):
    # A participant erased for one event keeps their contact rows; the whole person goes.
    if event_ids is None:
        anonymise_contacts(list(ContactPerson.objects.filter(email__iexact=email)))


@erasure_step
def erase_applicant_traces(user, *, name, placeholder, email=""):
    """An erased account: contact rows under its address are anonymised, and the history of
    the requests it created loses its name."""
    # The account's placeholder first: a contact row of the same person carries the same name.
    created = list(Application.objects.filter(created_by=user).values_list("pk", flat=True))
    replace_name_in_audit(Application, created, name=name, placeholder=placeholder)
    if email:
        anonymise_contacts(list(ContactPerson.objects.filter(email__iexact=email)))


def contacts_due(cutoff, anchor):
    """Contacts of requests decided or withdrawn before `cutoff` (the decision day, else the
    last change), not yet erased."""
    return (
        ContactPerson.objects.filter(application__state__in=CLOSED_STATES)
        .alias(closed_at=Coalesce(F("application__decided_at"), F("application__updated_at")))
        .filter(closed_at__date__lt=cutoff)
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .select_related("application")
        .order_by("application_id", "pk")
    )


@retention_kind(
    "request_contact_persons",
    label=gettext_lazy("Contact persons of requests (name, position, e-mail, phone)"),
    audiences=("applicants",),
    anchors=(RetentionAnchor.REQUEST_CLOSED,),
    due=contacts_due,
    describe=lambda contact: f"{contact.application}: {contact.name}",
    what_happens=gettext_lazy(
        "the name, position, address and phone go; the request and its decision stay"
    ),
)
def anonymise_due_contacts(contacts):
    anonymise_contacts(contacts)
