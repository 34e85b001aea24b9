"""States of an event and the prefixes of its reference."""

from django.db import models

from taiex.reference.enums import AssistanceType


class EventState(models.TextChoices):
    PLANNED = "planned", "Planned"
    IMPLEMENTED = "implemented", "Implemented"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


PUBLIC_STATES = [EventState.IMPLEMENTED, EventState.CLOSED]

REFERENCE_PREFIX = {
    AssistanceType.WORKSHOP: "WS",
    AssistanceType.EXPERT_MISSION: "EM",
    AssistanceType.STUDY_VISIT: "SV",
}
