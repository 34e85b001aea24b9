"""Factories of an event's participants and their attendance."""

import factory

from taiex.events.models import Attendance, Participant
from taiex.reference.models import Country


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    full_name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.rs")
    institution = "Ministry of Interior"
    position = "Adviser"
    country = factory.LazyFunction(lambda: Country.objects.get(code="RS"))
    state = "approved"
    check_code = factory.Sequence(lambda n: f"TESTCODE{n:04d}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    participant = factory.SubFactory(ParticipantFactory)
    present = True
