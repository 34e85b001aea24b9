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


# The public columns of an event and of its related rows (beneficiary, window, language, the
# event it follows, the host), as `public_event_rows` reads them.
PUBLIC_ROW_COLUMNS = (
    "id", "reference", "event_type", "mission_kind", "modality", "title", "summary",
    "legislation", "start_date", "end_date", "place", "beneficiary_institutions",
    "participants_count", "keywords", "original_title", "original_summary",
    "original_language__code",
    "beneficiary__code", "beneficiary__name", "beneficiary__official_footnote",
    "window__code", "window__name",
    "follows__reference", "follows__state",
    "host_institution__name", "host_institution__country__code",
    "host_institution__country__name", "host_institution__country__official_footnote",
)  # fmt: skip


def public_event_rows(events):
    """{id: row} of `events` (a queryset): a dict of `PUBLIC_ROW_COLUMNS`, with
    "other_beneficiaries" ([(code, name, footnote)] by name) and "chapters" ([(number, name)]
    by number). The same
    facts as `with_public_columns`, in three queries and without model instances (a page of
    the public API built 125 of them)."""
    rows = {row["id"]: row for row in events.order_by().values(*PUBLIC_ROW_COLUMNS)}
    if not rows:
        return rows
    for row in rows.values():
        row["other_beneficiaries"], row["chapters"] = [], []
    others = (
        Event.other_beneficiaries.through.objects.filter(event_id__in=rows)
        .order_by("country__name", "country_id")
        .values_list("event_id", "country__code", "country__name", "country__official_footnote")
    )
    for event_id, *country in others:
        rows[event_id]["other_beneficiaries"].append(tuple(country))
    chapters = (
        Event.chapters.through.objects.filter(event_id__in=rows)
        .order_by("chapter__number", "chapter_id")
        .values_list("event_id", "chapter__number", "chapter__name")
    )
    for event_id, *chapter in chapters:
        rows[event_id]["chapters"].append(tuple(chapter))
    return rows


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


def public_event_row(reference: str):
    """The `public_event_rows` row of the public event with this reference, or None."""
    rows = public_event_rows(public_events().filter(reference=reference))
    return next(iter(rows.values()), None)


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
