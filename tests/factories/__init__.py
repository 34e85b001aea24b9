"""One factory per model; reference data comes from the migrations (look it up, don't invent it)."""

from .accounts import InstitutionFactory, MembershipFactory, UserFactory, make_user
from .applications import ApplicationFactory, ContactPersonFactory, submittable_application
from .events import EventFactory
from .experts import ExpertFactory, UnavailabilityFactory

__all__ = [
    "ApplicationFactory",
    "ContactPersonFactory",
    "EventFactory",
    "ExpertFactory",
    "InstitutionFactory",
    "MembershipFactory",
    "UnavailabilityFactory",
    "UserFactory",
    "make_user",
    "submittable_application",
]
