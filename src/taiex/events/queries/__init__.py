"""Reusable reads of events: the public catalogue and what a signed-in person may see."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from taiex.accounts.roles import roles_of
from taiex.reference.models import Country

from ..enums import PUBLIC_STATES
from ..models import Event, EventExpert

# Sort keys offered to people, mapped to the ordering they mean; the id breaks ties so that
# pagination is stable.
PUBLIC_SORTS = {
    "-date": ["-start_date", "-id"],
    "date": ["start_date", "id"],
    "title": ["title", "id"],
}
STAFF_SORTS = {
    **PUBLIC_SORTS,
    "reference": ["reference", "id"],
    "state": ["state", "-start_date", "-id"],
}
DEFAULT_SORT = "-date"


@dataclass(frozen=True)
class EventFilters:
    """What a list of events is narrowed by; empty values mean "any"."""

    country: str = ""  # a beneficiary's code (RS, XK...): the main or another beneficiary
    event_type: str = ""
    year: int | None = None
    q: str = ""
    state: str = ""
    case_handler_id: int | None = None
    sort: str = DEFAULT_SORT


def with_public_columns(queryset):
    """The related rows a public list or page shows, fetched in a fixed number of queries."""
    return queryset.select_related(
        "beneficiary", "window", "original_language", "host_institution__country", "follows"
    ).prefetch_related("other_beneficiaries", "chapters")


def filter_events(queryset, filters: EventFilters, *, sorts=PUBLIC_SORTS):
    if filters.country:
        queryset = queryset.filter(
            Q(beneficiary__code=filters.country)
            | Q(pk__in=Event.objects.filter(other_beneficiaries__code=filters.country).values("pk"))
        )
    if filters.event_type:
        queryset = queryset.filter(event_type=filters.event_type)
    if filters.year:
        queryset = queryset.filter(start_date__year=filters.year)
    if filters.q:
        queryset = queryset.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.case_handler_id:
        queryset = queryset.filter(case_handler_id=filters.case_handler_id)
    return queryset.order_by(*sorts.get(filters.sort, sorts[DEFAULT_SORT]))


def public_events():
    """Every event the public may see: implemented and closed ones."""
    return Event.objects.filter(state__in=PUBLIC_STATES)


def implemented_events(filters: EventFilters | None = None):
    """The public catalogue: implemented and closed events, filtered and sorted."""
    return with_public_columns(filter_events(public_events(), filters or EventFilters()))


def event_by_public_reference(reference: str, *, with_experts=False):
    """The public event with this reference, or None (planned, cancelled or unknown); with
    `with_experts`, its experts too (`confirmed_experts`: Member State and role are public,
    names are not)."""
    events = with_public_columns(public_events())
    if with_experts:
        confirmed = (
            EventExpert.objects.current().select_related("expert__member_state").order_by("pk")
        )
        events = events.prefetch_related(
            Prefetch("event_experts", queryset=confirmed, to_attr="confirmed_experts")
        )
    return events.filter(reference=reference).first()


def experts_of(event):
    """The experts of `event` now: their person, Member State and role, by role and name."""
    return (
        EventExpert.objects.current()
        .filter(event=event)
        .select_related("expert__user", "expert__member_state")
        .order_by("role", "expert__user__full_name", "id")
    )


def latest_implemented_events(count=5):
    return with_public_columns(public_events().order_by("-end_date", "-start_date", "-id"))[:count]


def public_key_figures():
    """Figures for the portal's front page: public events, and the countries that benefited
    from them (main or other beneficiary)."""
    return {
        "implemented_events": public_events().count(),
        "beneficiary_countries": countries_with_public_events().count(),
    }


def countries_with_public_events():
    """Beneficiaries (main or other) of at least one public event, by name."""
    public = public_events()
    return Country.objects.filter(
        Q(pk__in=public.values("beneficiary")) | Q(pk__in=public.values("other_beneficiaries"))
    ).order_by("name")


def events_visible_to(user):
    """The events `user` may see: staff all of them; an NCP their country's (main or other
    beneficiary); an applicant those of their own requests or their institution's requests."""
    if user is None or not user.is_authenticated:
        return Event.objects.none()
    roles = roles_of(user)
    if roles.is_staff_member:
        return Event.objects.all()
    condition = Q(application__created_by=user)
    if roles.institution_ids:
        condition |= Q(application__lead_institution__in=roles.institution_ids)
    if roles.ncp_country_ids:
        condition |= Q(beneficiary__in=roles.ncp_country_ids)
        condition |= Q(
            pk__in=Event.objects.filter(other_beneficiaries__in=roles.ncp_country_ids).values("pk")
        )
    return Event.objects.filter(condition)


def with_staff_columns(queryset):
    return queryset.select_related(
        "beneficiary",
        "window",
        "team",
        "case_handler",
        "application",
        "follows",
        "host_institution__country",
    )


def staff_events(user, filters: EventFilters | None = None):
    """The staff list: events visible to `user`, filtered and sorted."""
    return with_staff_columns(
        filter_events(events_visible_to(user), filters or EventFilters(), sorts=STAFF_SORTS)
    )


def event_for_detail(user, pk):
    """The event `pk` if `user` may see it, with what its page shows; None otherwise, so a
    caller cannot tell an unknown event from a hidden one."""
    return (
        with_staff_columns(events_visible_to(user))
        .select_related("application", "application__lead_institution")
        .prefetch_related("other_beneficiaries", "chapters")
        .filter(pk=pk)
        .first()
    )
