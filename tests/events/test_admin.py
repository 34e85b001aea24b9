from django.urls import reverse

from tests.factories import EventFactory


def test_admin_lists_searches_and_filters_events(admin_client, db):
    EventFactory(reference="WS-2025-0501", title="Asylum procedures")
    EventFactory(reference="EM-2025-0502", event_type="expert_mission", title="Border checks")

    searched = admin_client.get(reverse("admin:events_event_changelist") + "?q=asylum")
    filtered = admin_client.get(
        reverse("admin:events_event_changelist") + "?event_type__exact=expert_mission"
    )

    assert [e.reference for e in searched.context["cl"].result_list] == ["WS-2025-0501"]
    assert [e.reference for e in filtered.context["cl"].result_list] == ["EM-2025-0502"]


def test_admin_shows_the_state_read_only(admin_client, db):
    event = EventFactory(state="planned")

    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert "state" not in response.context["adminform"].form.fields
    assert "cancellation_reason" not in response.context["adminform"].form.fields


def test_admin_shows_delivery_fields_and_the_agenda(admin_client, db):
    from datetime import date

    from tests.factories.lifecycle import AgendaSessionFactory

    event = EventFactory(state="postponed", postponement_reason="Renovation.")
    AgendaSessionFactory(event=event, day=date(2025, 3, 10), title="Opening")

    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))

    fields = response.context["adminform"].form.fields
    assert {"meeting_link", "working_languages", "capacity", "host_institution"} <= set(fields)
    assert "postponement_reason" not in fields
    assert [formset.formset.prefix for formset in response.context["inline_admin_formsets"]] == [
        "sessions",
        "documents",
    ]
    assert "Opening" in response.content.decode()
