from datetime import date

import factory

from taiex.events.models import Event
from taiex.reference.models import Country, Window


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"WS-2025-{n + 1:04d}")
    event_type = "workshop"
    mission_kind = factory.LazyAttribute(
        lambda event: "advice" if event.event_type == "expert_mission" else ""
    )
    modality = "on_site"
    state = "implemented"
    title = factory.Sequence(lambda n: f"Workshop on migration statistics {n}")
    summary = "Member State practice in migration statistics."
    start_date = date(2025, 3, 10)
    end_date = date(2025, 3, 11)
    place = "Belgrade"
    beneficiary = factory.LazyFunction(lambda: Country.objects.get(code="RS"))
    window = factory.LazyFunction(lambda: Window.objects.get(code="enlargement"))
    participants_count = 40
