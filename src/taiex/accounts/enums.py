"""Roles a person can hold, and the services consulted on a request."""

from django.db import models


class Role(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    NCP = "ncp", "National contact point"
    CONSULTEE = "consultee", "Consulted service"
    CASE_HANDLER = "case_handler", "Case handler"
    HEAD_OF_UNIT = "head_of_unit", "Head of unit"
    ADMINISTRATOR = "administrator", "Administrator"
    EXPERT = "expert", "Expert"


class ConsulteeGroup(models.TextChoices):
    EU_DELEGATION = "eu_delegation", "EU Delegation"
    GEOGRAPHIC_DESK = "geographic_desk", "Geographic desk"
    LINE_DG = "line_dg", "Line Directorate-General"


STAFF_ROLES = {Role.CASE_HANDLER, Role.HEAD_OF_UNIT, Role.ADMINISTRATOR}
