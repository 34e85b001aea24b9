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
        "interpretation_pairs",
        "documents",
    ]
    assert "Opening" in response.content.decode()


def host_agreements():
    from taiex.accounts.enums import Role
    from taiex.events.services.hosting import ask_host, record_host_answer
    from taiex.reference.models import Country
    from tests.factories import InstitutionFactory, make_user

    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    visit = EventFactory(
        reference="SV-2026-0201", event_type="study_visit", state="planned", experts_needed=0
    )
    other = EventFactory(
        reference="SV-2026-0202", event_type="study_visit", state="planned", experts_needed=0
    )
    slovenia = InstitutionFactory(name="Ministry SI", country=Country.objects.get(code="SI"))
    portugal = InstitutionFactory(name="Agency PT", country=Country.objects.get(code="PT"))
    agreed = ask_host(visit, slovenia, actor=case_handler)
    record_host_answer(agreed, actor=case_handler, agreed=True)
    asked = ask_host(other, portugal, actor=case_handler, contact_email="intl@aima.gov.pt")
    return agreed, asked


def test_admin_lists_searches_and_filters_host_agreements(admin_client, db):
    agreed, asked = host_agreements()
    url = reverse("admin:events_hostagreement_changelist")

    listed = admin_client.get(url)
    searched = admin_client.get(url + "?q=agency")
    filtered = admin_client.get(url + "?state__exact=agreed")

    assert [a.pk for a in listed.context["cl"].result_list] == [asked.pk, agreed.pk]
    assert [a.pk for a in searched.context["cl"].result_list] == [asked.pk]
    assert [a.pk for a in filtered.context["cl"].result_list] == [agreed.pk]
    assert "Portugal" in listed.content.decode()


def test_admin_host_agreement_is_read_only_the_workflow_moves_it(admin_client, db):
    _agreed, asked = host_agreements()
    change = reverse("admin:events_hostagreement_change", args=[asked.pk])

    page = admin_client.get(change)
    posted = admin_client.post(change, {"state": "agreed", "reason": ""})
    deleted = admin_client.post(
        reverse("admin:events_hostagreement_delete", args=[asked.pk]), {"post": "yes"}
    )
    added = admin_client.get(reverse("admin:events_hostagreement_add"))

    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}
    assert "intl@aima.gov.pt" in page.content.decode()
    assert (posted.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    asked.refresh_from_db()
    assert asked.state == "asked"
