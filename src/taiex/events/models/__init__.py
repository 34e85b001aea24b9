"""Events and what delivers them: agenda, documents, participants and attendance, travel, fee
statements, mission reports and calendar feeds."""

from .delivery import (
    AgendaSession,
    Attendance,
    CalendarFeed,
    EventDocument,
    FeeStatement,
    MissionReport,
    Participant,
    Travel,
)
from .event import Event
from .experts import EventExpert
from .hosting import HostAgreement
from .limits import LimitException
from .payments import BankAccount

__all__ = [
    "AgendaSession",
    "Attendance",
    "BankAccount",
    "CalendarFeed",
    "Event",
    "EventDocument",
    "EventExpert",
    "FeeStatement",
    "HostAgreement",
    "LimitException",
    "MissionReport",
    "Participant",
    "Travel",
]
