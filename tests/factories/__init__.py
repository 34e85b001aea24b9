"""One factory per model; reference data comes from the migrations (look it up, don't invent it)."""

from .accounts import InstitutionFactory, MembershipFactory, UserFactory, make_user
from .applications import ApplicationFactory, ContactPersonFactory, submittable_application
from .events import EventFactory

__all__ = [
    "ApplicationFactory",
    "ContactPersonFactory",
    "EventFactory",
    "InstitutionFactory",
    "MembershipFactory",
    "UserFactory",
    "make_user",
    "submittable_application",
]
