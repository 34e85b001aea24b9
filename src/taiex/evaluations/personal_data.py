"""The evaluation links sent to a person (name, address) in their export, their erasure and the
retention sweep (registered with `core.personal_data` and `core.retention`). Answers are not
personal data: a `Response` has no link to its request or person."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from taiex.core.models import RetentionAnchor
from taiex.core.personal_data import (
    address_erasure_step,
    address_export_section,
    erasure_step,
    export_section,
)
from taiex.core.retention import retention_kind

from .enums import RequestState
from .models import EvaluationRequest

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"


def _when(moment):
    return moment.isoformat() if moment else None


def _exported(links):
    return [
        {
            "event": link.event.reference,
            "audience": link.audience,
            "name": link.name,
            "email": link.email,
            "state": link.state,
            "sent_at": _when(link.sent_at),
            "closes_at": _when(link.closes_at),
            "answered_at": _when(link.answered_at),
        }
        for link in links.select_related("event").order_by("sent_at", "pk")
    ]


@export_section("evaluation_links")
def exported_links_of_user(user):
    return _exported(
        EvaluationRequest.objects.filter(Q(expert__user=user) | Q(email__iexact=user.email))
    )


@address_export_section("evaluation_links")
def exported_links_of_address(email):
    return _exported(EvaluationRequest.objects.filter(email__iexact=email))


def anonymise_links(links):
    """Each link loses the name and the address; an open link closes (it can no longer be
    answered). Whether it was answered stays, for the response rates."""
    now = timezone.now()
    for link in links:
        EvaluationRequest.objects.filter(pk=link.pk).update(
            name=ERASED_NAME,
            email=f"link-{link.pk}@{ERASED_DOMAIN}",
            state=RequestState.CLOSED if link.state == RequestState.OPEN else link.state,
            closes_at=min(link.closes_at, now),
        )


@erasure_step
def erase_links_of_user(user, *, name, placeholder, email=""):
    links = EvaluationRequest.objects.filter(expert__user=user)
    if email:
        links = links | EvaluationRequest.objects.filter(email__iexact=email)
    anonymise_links(list(links.distinct()))


@address_erasure_step
def erase_links_of_address(email, *, event_ids=None):
    links = EvaluationRequest.objects.filter(email__iexact=email)
    if event_ids is not None:
        links = links.filter(event_id__in=event_ids)
    anonymise_links(list(links))


def links_due(cutoff, anchor):
    return (
        EvaluationRequest.objects.filter(closes_at__date__lt=cutoff)
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .select_related("event")
        .order_by("closes_at", "pk")
    )


@retention_kind(
    "evaluation_links",
    label=gettext_lazy("Names and addresses of the people asked to evaluate an event"),
    audiences=("experts", "applicants", "participants"),
    anchors=(RetentionAnchor.LINK_CLOSED,),
    due=links_due,
    describe=lambda link: (
        f"{link.event.reference or link.event_id}: {link.get_audience_display()} link to "
        f"{link.name}, closed {link.closes_at:%d %B %Y}"
    ),
    what_happens=gettext_lazy(
        "the name and address are replaced; whether the person answered stays"
    ),
)
def anonymise_due_links(links):
    anonymise_links(links)
