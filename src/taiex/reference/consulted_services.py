"""The services consulted on a forwarded request, each with its scope.

Who is consulted for what is data (rows loaded by a data migration, edited in the admin): an
EU Delegation covers its country, a geographic desk the countries of its region, a line
Directorate-General its chapters, and a partner Directorate-General its peer-to-peer strand.
"""

from django.db import models

from .enums import ConsulteeGroup


class ConsultedService(models.Model):
    """A service that gives an opinion on the requests in its scope."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    group = models.CharField(max_length=20, choices=ConsulteeGroup)
    countries = models.ManyToManyField(
        "reference.Country",
        blank=True,
        related_name="consulted_services",
        help_text="A Delegation: its country. A geographic desk: the countries of its region.",
    )
    chapters = models.ManyToManyField(
        "reference.Chapter",
        blank=True,
        related_name="consulted_services",
        help_text="A line Directorate-General: the chapters of its policy area.",
    )
    windows = models.ManyToManyField(
        "reference.Window",
        blank=True,
        related_name="consulted_services",
        help_text="A partner Directorate-General: the peer-to-peer strand it runs.",
    )
    is_active = models.BooleanField(default=True, help_text="Consulted on new requests.")

    class Meta:
        ordering = ["group", "name"]

    def __str__(self):
        return self.name
