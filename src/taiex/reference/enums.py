"""Kinds used across the reference data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssistanceType(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    EXPERT_MISSION = "expert_mission", _("Expert mission")
    STUDY_VISIT = "study_visit", _("Study visit")


class MissionKind(models.TextChoices):
    """The kinds of expert mission (an expert mission has one; other events none): advice on a
    text or a practice, a peer review of an administration against the acquis, or an assessment
    mission that finds the needs (docs/decisions.md, "Peer reviews and assessment missions")."""

    ADVICE = "advice", _("Advisory mission")
    PEER_REVIEW = "peer_review", _("Peer review")
    ASSESSMENT = "assessment", _("Assessment mission")


class Modality(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ConsulteeGroup(models.TextChoices):
    """The kinds of service consulted on a forwarded request (each scoped differently)."""

    EU_DELEGATION = "eu_delegation", _("EU Delegation")
    GEOGRAPHIC_DESK = "geographic_desk", _("Geographic desk")
    LINE_DG = "line_dg", _("Line Directorate-General")
    PARTNER_DG = "partner_dg", _("Partner Directorate-General")


class ReminderKind(models.TextChoices):
    """What a reminder is about, and whose working days its delay counts."""

    NCP_CHECK = (
        "ncp_check",
        _("Request waiting for the NCP's check (working days after submission)"),
    )
    CONSULTATION = "consultation", _("Consultation near its deadline (working days before it)")
    ASSESSMENT = "assessment", _("Assessment waiting (working days after forwarding)")


class InterpretationMode(models.TextChoices):
    """How a language pair is interpreted: simultaneous needs a booth, consecutive none
    (docs/decisions.md, "Interpretation as language pairs")."""

    SIMULTANEOUS = "simultaneous", _("Simultaneous")
    CONSECUTIVE = "consecutive", _("Consecutive")
