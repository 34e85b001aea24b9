"""Kinds used across the reference data."""

from django.db import models


class AssistanceType(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    EXPERT_MISSION = "expert_mission", "Expert mission"
    STUDY_VISIT = "study_visit", "Study visit"


class Modality(models.TextChoices):
    ON_SITE = "on_site", "On site"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"
