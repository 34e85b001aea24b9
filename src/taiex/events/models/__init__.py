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
    TravelReceipt,
)
from .event import Event, EventInterpretationPair
from .experts import EventExpert
from .hosting import HostAgreement
from .limits import LimitException
from .logistics import Booking, ContractorAssignment
from .payments import BankAccount

__all__ = [
    "AgendaSession",
    "Attendance",
    "BankAccount",
    "Booking",
    "CalendarFeed",
    "ContractorAssignment",
    "Event",
    "EventDocument",
    "EventExpert",
    "EventInterpretationPair",
    "FeeStatement",
    "HostAgreement",
    "LimitException",
    "MissionReport",
    "Participant",
    "Travel",
    "TravelReceipt",
]
