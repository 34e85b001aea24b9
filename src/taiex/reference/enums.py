"""Kinds used across the reference data."""

from django.db import models


class AssistanceType(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    EXPERT_MISSION = "expert_mission", "Expert mission"
    STUDY_VISIT = "study_visit", "Study visit"


class MissionKind(models.TextChoices):
    """The kinds of expert mission (an expert mission has one; other events none): advice on a
    text or a practice, a peer review of an administration against the acquis, or an assessment
    mission that finds the needs (docs/decisions.md, "Peer reviews and assessment missions")."""

    ADVICE = "advice", "Advisory mission"
    PEER_REVIEW = "peer_review", "Peer review"
    ASSESSMENT = "assessment", "Assessment mission"


class Modality(models.TextChoices):
    ON_SITE = "on_site", "On site"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class ConsulteeGroup(models.TextChoices):
    """The kinds of service consulted on a forwarded request (each scoped differently)."""

    EU_DELEGATION = "eu_delegation", "EU Delegation"
    GEOGRAPHIC_DESK = "geographic_desk", "Geographic desk"
    LINE_DG = "line_dg", "Line Directorate-General"
    PARTNER_DG = "partner_dg", "Partner Directorate-General"


class ReminderKind(models.TextChoices):
    """What a reminder is about, and whose working days its delay counts."""

    NCP_CHECK = "ncp_check", "Request waiting for the NCP's check (working days after submission)"
    CONSULTATION = "consultation", "Consultation near its deadline (working days before it)"
    ASSESSMENT = "assessment", "Assessment waiting (working days after forwarding)"
