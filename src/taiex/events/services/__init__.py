"""Writes on events: creation from an approved request here; the moves of its life in
`lifecycle`, the details in `details`, the agenda in `agenda`, documents in `documents`, and the
parts of other modules (participants, fees, reports)."""

from django.db import transaction

from taiex.core.audit import log_action
from taiex.core.sequences import next_sequence_value
from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.time_zones import capital_time_zone

from ..enums import REFERENCE_PREFIX, EventState
from ..models import Event, EventInterpretationPair
from .errors import EventError
from .lifecycle import (
    cancel_event,
    close_event,
    closing_blockers,
    confirm_event,
    confirmation_missing,
    mark_event_implemented,
    postpone_event,
)


def next_event_reference(event_type, year):
    prefix = REFERENCE_PREFIX[event_type]
    return f"{prefix}-{year}-{next_sequence_value(f'{prefix}-{year}'):04d}"


DEFAULT_TIME_ZONE = "Europe/Brussels"


def venue_of(application, event_type=None):
    """The venue country and time zone of the event of `application`.

    A workshop or an expert mission on site or hybrid takes place in the beneficiary country; a
    study visit takes place in a Member State chosen later, and an online event has no venue.
    The time zone is that of the venue's capital (`reference.time_zones`), else of the
    beneficiary's (an online event's sessions are for its participants), else Brussels (a study
    visit before its host is known). The case handler corrects both on the details page."""
    country = application.country
    event_type = event_type or application.assistance_type
    in_beneficiary = (
        event_type != AssistanceType.STUDY_VISIT and application.modality != Modality.ONLINE
    )
    venue = country if in_beneficiary else None
    zone = None
    if event_type != AssistanceType.STUDY_VISIT and country is not None:
        zone = capital_time_zone(country.code)
    return venue, zone or DEFAULT_TIME_ZONE


def create_event_from_application(application, *, actor, case_handler, follow_up=None, note=None):
    """Create the planned event of an approved request, with its case handler.

    Copies the public facts (type, title, dates, place, beneficiary, chapters), the venue
    country and its time zone (`venue_of`), the expected participants, the working languages and
    the interpretation asked for (its language pairs and note), and writes the audit log. Called
    inside the approval's transaction.

    `follow_up` (a `FollowUp`) makes it a later event of the request's series instead: its type,
    title, dates and experts replace the request's, and it records the event it follows.
    """
    with transaction.atomic():
        event_type = follow_up.event_type if follow_up else application.assistance_type
        start = follow_up.start_date if follow_up else application.preferred_start
        end = follow_up.end_date if follow_up else application.preferred_end
        year = (start or application.decided_at).year
        lead = application.lead_institution
        partners = list(application.partner_institutions.select_related("country"))
        institutions = [lead.name, *(p.name for p in partners)] if lead else []
        venue_country, time_zone = venue_of(application, event_type)
        pairs = list(application.interpretation_pairs.all())
        # The request's other interpretation needs, on one line for the event's short note.
        other_needs = "; ".join(
            line.strip() for line in application.interpretation_note.splitlines() if line.strip()
        )
        event = Event.objects.create(
            reference=next_event_reference(event_type, year),
            application=application,
            follows=follow_up.follows if follow_up else None,
            event_type=event_type,
            # An expert mission is advisory unless the case handler says it is a peer review or
            # an assessment mission (on the follow-up form or the event's details).
            mission_kind=(follow_up.mission_kind if follow_up else "")
            or (MissionKind.ADVICE if event_type == AssistanceType.EXPERT_MISSION else ""),
            modality=application.modality,
            title=follow_up.title if follow_up else application.title,
            summary=application.objectives,
            legislation=application.legislation,
            keywords=application.keywords,
            original_title=application.original_title,
            original_summary=application.original_summary,
            original_language=application.original_language,
            start_date=start,
            end_date=end,
            place=application.place,
            venue_country=venue_country,
            time_zone=time_zone,
            beneficiary=application.country,
            window=application.window,
            team=application.team,
            case_handler=case_handler,
            beneficiary_institutions="; ".join(institutions),
            participants_count=application.participants_count,
            # A study visit has a host (asked on the event's page), never experts.
            experts_needed=0
            if event_type == AssistanceType.STUDY_VISIT
            else (follow_up.experts_needed if follow_up else application.experts_count or 0),
            interpretation_needed=bool(pairs or other_needs),
            interpretation_note=other_needs[:200],
        )
        EventInterpretationPair.objects.bulk_create(
            EventInterpretationPair(
                event=event, source_id=pair.source_id, target_id=pair.target_id, mode=pair.mode
            )
            for pair in pairs
        )
        event.chapters.set(application.chapters.all())
        event.working_languages.set(application.working_languages.all())
        other = {p.country_id for p in partners} - {application.country_id}
        if other:
            event.other_beneficiaries.set(other)
        log_action(
            event,
            actor=actor,
            action="create",
            to_state=EventState.PLANNED,
            note=note or f"Created from the approved request {application.reference}.",
        )
    return event


__all__ = [
    "EventError",
    "cancel_event",
    "close_event",
    "closing_blockers",
    "confirm_event",
    "confirmation_missing",
    "create_event_from_application",
    "mark_event_implemented",
    "next_event_reference",
    "postpone_event",
]
