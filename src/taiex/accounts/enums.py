"""Roles a person can hold (the kinds of consulted service are in reference.enums)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    NCP = "ncp", _("National contact point")
    CONSULTEE = "consultee", _("Consulted service")
    CASE_HANDLER = "case_handler", _("Case handler")
    HEAD_OF_UNIT = "head_of_unit", _("Head of unit")
    ADMINISTRATOR = "administrator", _("Administrator")
    EXPERT = "expert", _("Expert")
    # Reads the money of every event and pays it (sends statements for payment, marks them
    # paid or rejected, sees bank details); it is not staff: no requests, experts or events
    # beyond their fees (docs/decisions.md, "The finance role").
    FINANCE = "finance", _("Finance (payments)")
    # A company under contract that books travel, hotels, venues, interpreters and catering:
    # scoped to its Contractor, it sees only the events assigned to it and the personal data it
    # needs to book (docs/decisions.md, "The logistics contractor and its bookings").
    LOGISTICS = "contractor", _("Logistics contractor")


STAFF_ROLES = {Role.CASE_HANDLER, Role.HEAD_OF_UNIT, Role.ADMINISTRATOR}
