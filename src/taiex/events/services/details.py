"""Writes on an event's details: how and where it is delivered, for whom, and with whom.

Saving checks a version (the `updated_at` the form was opened with) under a lock, so that two
people editing the same event cannot overwrite each other's changes without seeing them.
"""

from zoneinfo import available_timezones

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core.audit import log_action
from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.queries import beneficiary_countries, is_beneficiary_on
from taiex.reference.translation import translated

from ..enums import EventState
from ..models import Event
from .errors import EventChangedMeanwhile, EventError
from .limits import limit_problems

DATE_STATES = [EventState.PLANNED, EventState.POSTPONED]
EDITABLE_STATES = [EventState.PLANNED, EventState.POSTPONED, EventState.CONFIRMED]
PLAIN_FIELDS = [
    "modality",
    "place",
    "venue_country",
    "time_zone",
    "start_date",
    "end_date",
    "meeting_link",
    "interpretation_needed",
    "interpretation_note",
    "capacity",
    "experts_needed",
    "mission_kind",
    "keywords",
    "original_title",
    "original_summary",
    "original_language",
]
MANY_FIELDS = ["working_languages", "other_beneficiaries"]
ORIGINAL_TEXTS = ["original_title", "original_summary"]
LABELS = {
    "modality": "modality",
    "place": "place",
    "venue_country": "venue country",
    "time_zone": "time zone",
    "start_date": "start date",
    "end_date": "end date",
    "meeting_link": "meeting link",
    "interpretation_needed": "interpretation",
    "interpretation_note": "interpretation note",
    "capacity": "capacity",
    "experts_needed": "experts needed",
    "mission_kind": "kind of expert mission",
    "keywords": "keywords",
    "original_title": "original title",
    "original_summary": "original summary",
    "original_language": "original language",
    "working_languages": "working languages",
    "other_beneficiaries": "other beneficiaries",
}
STALE_MESSAGE = gettext_lazy(
    "Someone else changed this event after you opened the form, so your changes were not saved. "
    "Your entries are kept below: check them against the event and save again."
)


def version_of(event):
    """The version a form carries to detect a concurrent change (the last save's time)."""
    return event.updated_at.isoformat() if event.updated_at else ""


def details_problems(event, values):
    """What is wrong with `values` for `event`, as (field, message) pairs; empty when they can
    be saved. `values` holds the fields of PLAIN_FIELDS and MANY_FIELDS that are changed."""
    problems = []
    start = values.get("start_date", event.start_date)
    end = values.get("end_date", event.end_date)
    dates_change = (start, end) != (event.start_date, event.end_date)
    if dates_change and event.state not in DATE_STATES:
        problems.append(
            (
                "start_date",
                _(
                    "The dates can change only while the event is planned or postponed; "
                    "postpone the event to give it new dates."
                ),
            )
        )
    elif start and end and end < start:
        problems.append(("end_date", _("The end date must be on or after the start date.")))
    problems.extend(changed_limit_problems(event, values, start, end, dates_change))
    zone = values.get("time_zone", event.time_zone)
    if zone not in available_timezones():
        problems.append(
            ("time_zone", _("Choose a time zone from the list, for example Europe/Belgrade."))
        )
    modality = values.get("modality", event.modality)
    link = values.get("meeting_link", event.meeting_link)
    if (
        modality in (Modality.ONLINE, Modality.HYBRID)
        and not link
        and event.state == EventState.CONFIRMED
    ):
        problems.append(
            ("meeting_link", _("A confirmed online or hybrid event needs its meeting link."))
        )
    others = values.get("other_beneficiaries")
    if others:
        if event.event_type != AssistanceType.WORKSHOP:
            problems.append(
                ("other_beneficiaries", _("Only a workshop can have several beneficiaries."))
            )
        else:
            allowed = set(beneficiary_countries().values_list("pk", flat=True))
            if any(country.pk not in allowed for country in others):
                problems.append(
                    (
                        "other_beneficiaries",
                        _("Choose other beneficiaries among the beneficiary countries."),
                    )
                )
            elif outside := co_beneficiary_outside_period(event, others, start, end):
                problems.append(("other_beneficiaries", outside))
            elif any(country.pk == event.beneficiary_id for country in others):
                problems.append(
                    (
                        "other_beneficiaries",
                        _("%(country)s is the main beneficiary; choose other countries.")
                        % {"country": translated(event.beneficiary)},
                    )
                )
    original = [values.get(name, getattr(event, name)) for name in ORIGINAL_TEXTS]
    if any(original) and values.get("original_language", event.original_language) is None:
        problems.append(
            ("original_language", _("Choose the language of the original title and summary."))
        )
    kind = values.get("mission_kind")
    if kind and event.event_type != AssistanceType.EXPERT_MISSION:
        problems.append(("mission_kind", _("Only an expert mission has a kind.")))
    elif kind is not None and kind not in MissionKind.values:
        problems.append(
            ("mission_kind", _("Choose advisory mission, peer review or assessment mission."))
        )
    if event.event_type == AssistanceType.STUDY_VISIT and values.get("experts_needed"):
        problems.append(
            (
                "experts_needed",
                _(
                    "A study visit has no Member State experts: its host administration receives "
                    "the group."
                ),
            )
        )
    return problems


def co_beneficiary_outside_period(event, others, start, end):
    """The sentence about the first other beneficiary that is not in the event's window (any
    window when it has none) on its first or last day, or None: each co-beneficiary is judged
    by its own beneficiary periods on the event's dates."""
    days = [day for day in dict.fromkeys([start, end]) if day is not None]
    window = event.window
    for country in others:
        for day in days:
            if not is_beneficiary_on(country, day, window):
                values = {
                    "country": translated(country),
                    "day": date_format(day, "DATE_FORMAT"),
                }
                if window is not None:
                    return _(
                        "%(country)s is not a beneficiary of %(window)s on %(day)s, a day of "
                        "this event."
                    ) % {**values, "window": translated(window)}
                return (
                    _("%(country)s is not a beneficiary on %(day)s, a day of this event.") % values
                )
    return None


def changed_limit_problems(event, values, start, end, dates_change):
    """The dated limits the changed dates, experts needed or capacity would exceed (a limit
    whose numbers do not change is not checked again here)."""
    numbers = {}
    if dates_change and start and end and end >= start:
        numbers["end_date"] = end
    for name, keyword in (("experts_needed", "experts"), ("capacity", "participants")):
        value = values.get(name)
        if value is not None and value != getattr(event, name):
            numbers[keyword] = value
    if not numbers:
        return []
    return [
        (problem.field, problem.message)
        for problem in limit_problems(event, start_date=start, **numbers)
    ]


def update_event_details(event, *, actor, version, values):
    """Save the changed details of `event` (the keys of `values`), after checking they belong
    together and that nobody changed the event since `version`.

    Writes one audit entry naming the changed fields; raises EventError (with the field) and
    saves nothing when a value is refused or the event changed meanwhile."""
    if event.state not in EDITABLE_STATES:
        raise EventError(
            _("The details of an event that is %(state)s can no longer change.")
            % {"state": event.get_state_display().lower()}
        )
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        if version != version_of(current):
            raise EventChangedMeanwhile(STALE_MESSAGE)
        problems = details_problems(current, values)
        if problems:
            field, message = problems[0]
            raise EventError(message, field)
        changed = []
        for name in PLAIN_FIELDS:
            if name in values and getattr(current, name) != values[name]:
                setattr(current, name, values[name])
                changed.append(name)
        if changed:
            current.save(update_fields=[*changed, "updated_at"])
        for name in MANY_FIELDS:
            if name not in values:
                continue
            manager = getattr(current, name)
            if set(manager.values_list("pk", flat=True)) != {item.pk for item in values[name]}:
                manager.set(values[name])
                changed.append(name)
        if changed and not any(name in PLAIN_FIELDS for name in changed):
            current.save(update_fields=["updated_at"])  # a new version for the lists too
        if changed:
            log_action(
                current,
                actor=actor,
                action="edit_details",
                note="Changed: " + ", ".join(LABELS[name] for name in changed) + ".",
                data={"fields": changed},
            )
    event.refresh_from_db()
    return changed
