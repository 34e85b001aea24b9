"""Retention as data: each kind of personal data is anonymised the day after its period ends,
not the day before; the dry run changes nothing; the sweep writes the audit log."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Membership
from taiex.applications.models import ContactPerson
from taiex.core.models import ActivityLog, OutboxMessage, RetentionRule
from taiex.core.retention import (
    KINDS,
    apply_retention,
    cutoff_for,
    retention_report,
    subtract_period,
)
from taiex.core.tasks import apply_retention_task, next_retention_run
from taiex.evaluations.models import EvaluationRequest, Questionnaire
from taiex.events.models import Participant
from taiex.experts.models import Expert
from tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    EventFactory,
    ExpertFactory,
    InstitutionFactory,
    UserFactory,
)
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db
TODAY = date(2031, 6, 15)


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


def rule(kind, period, unit, anchor):
    RetentionRule.objects.update_or_create(
        kind=kind, defaults={"period": period, "unit": unit, "anchor": anchor, "is_active": True}
    )
    return RetentionRule.objects.get(kind=kind)


def test_every_registered_kind_has_a_default_rule_from_the_migration():
    assert set(RetentionRule.objects.values_list("kind", flat=True)) == set(KINDS)
    assert sorted(KINDS) == [
        "evaluation_links",
        "expert_cvs",
        "participant_contact_data",
        "request_contact_persons",
        "sent_mail_copies",
        "unconfirmed_applicant_accounts",
        "unconfirmed_expert_registrations",
    ]


def test_subtract_period_handles_days_months_years_and_the_end_of_february():
    assert subtract_period(date(2031, 6, 15), 30, "days") == date(2031, 5, 16)
    assert subtract_period(date(2031, 3, 31), 1, "months") == date(2031, 2, 28)
    assert subtract_period(date(2032, 2, 29), 1, "years") == date(2031, 2, 28)
    assert subtract_period(date(2031, 6, 15), 5, "years") == date(2026, 6, 15)


def test_participants_are_anonymised_the_day_after_five_years_from_the_event_end():
    rule("participant_contact_data", 5, "years", "event_end")
    kept_event = EventFactory(start_date=date(2026, 6, 14), end_date=date(2026, 6, 15))
    gone_event = EventFactory(start_date=date(2026, 6, 13), end_date=date(2026, 6, 14))
    kept = ParticipantFactory(event=kept_event, full_name="Kept Person", phone="+381 1")
    gone = ParticipantFactory(event=gone_event, full_name="Gone Person", phone="+381 2")

    outcomes = {outcome.kind_key: outcome for outcome in apply_retention(TODAY)}

    assert outcomes["participant_contact_data"].count == 1
    assert outcomes["participant_contact_data"].cutoff == date(2026, 6, 15)
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.full_name, kept.phone) == ("Kept Person", "+381 1")
    assert (gone.full_name, gone.email, gone.phone, gone.institution) == (
        "Erased participant",
        f"participant-{gone.pk}@erased.invalid",
        "",
        "Ministry of Interior",
    )
    log = ActivityLog.objects.get(action="retention_anonymise")
    assert log.object_id == str(RetentionRule.objects.get(kind="participant_contact_data").pk)
    assert log.data == {
        "kind": "participant_contact_data",
        "model": "events.participant",
        "cutoff": "2026-06-15",
        "ids": [gone.pk],
    }
    assert log.actor is None
    assert log.note == (
        "1 record(s) of “Contact data of participants (name, e-mail, phone, position, travel)” "
        "anonymised: 5 years after the end of the event, before 2026-06-15."
    )


def test_a_second_run_anonymises_nothing_more():
    rule("participant_contact_data", 5, "years", "event_end")
    ParticipantFactory(event=EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2)))
    apply_retention(TODAY)

    outcomes = {outcome.kind_key: outcome for outcome in apply_retention(TODAY)}

    assert outcomes["participant_contact_data"].count == 0
    assert ActivityLog.objects.filter(action="retention_anonymise").count() == 1


def test_the_dry_run_lists_what_would_go_and_changes_nothing():
    rule("participant_contact_data", 5, "years", "event_end")
    event = EventFactory(
        reference="WS-2020-0001", start_date=date(2020, 1, 1), end_date=date(2020, 1, 2)
    )
    person = ParticipantFactory(event=event, full_name="Dry Run", institution="Ministry")
    ParticipantFactory(event=EventFactory(start_date=date(2030, 1, 1), end_date=date(2030, 1, 2)))
    logs_before = ActivityLog.objects.count()

    outcomes = {outcome.kind_key: outcome for outcome in retention_report(TODAY)}

    outcome = outcomes["participant_contact_data"]
    assert outcome.count == 1
    assert [description for _, description in outcome.records] == [
        "WS-2020-0001: Dry Run (Ministry)"
    ]
    person.refresh_from_db()
    assert person.full_name == "Dry Run"
    assert ActivityLog.objects.count() == logs_before


def test_a_switched_off_rule_anonymises_nothing_and_says_so():
    retention = rule("participant_contact_data", 5, "years", "event_end")
    retention.is_active = False
    retention.save()
    person = ParticipantFactory(
        event=EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    )

    outcomes = {outcome.kind_key: outcome for outcome in apply_retention(TODAY)}

    assert outcomes["participant_contact_data"].problem == "The rule is switched off."
    person.refresh_from_db()
    assert person.full_name.startswith("Participant")


def test_expert_cvs_go_after_five_years_without_activity():
    rule("expert_cvs", 5, "years", "last_activity")
    active = ExpertFactory()
    inactive = ExpertFactory()
    for expert in (active, inactive):
        Expert.objects.filter(pk=expert.pk).update(cv="cvs/x.pdf")
    Expert.objects.filter(pk=active.pk).update(updated_at=at_noon(date(2026, 6, 15)))
    Expert.objects.filter(pk=inactive.pk).update(updated_at=at_noon(date(2026, 6, 14)))
    active.user.last_login = None
    active.user.save(update_fields=["last_login"])
    inactive.user.last_login = at_noon(date(2026, 1, 1))
    inactive.user.save(update_fields=["last_login"])

    apply_retention(TODAY)

    assert Expert.objects.get(pk=active.pk).cv.name == "cvs/x.pdf"
    assert Expert.objects.get(pk=inactive.pk).cv.name == ""
    assert Expert.objects.get(pk=inactive.pk).expertise == inactive.expertise


def test_a_recent_login_keeps_an_old_profile_s_cv():
    rule("expert_cvs", 5, "years", "last_activity")
    expert = ExpertFactory()
    Expert.objects.filter(pk=expert.pk).update(cv="cvs/y.pdf", updated_at=at_noon(date(2020, 1, 1)))
    expert.user.last_login = at_noon(date(2031, 1, 1))
    expert.user.save(update_fields=["last_login"])

    apply_retention(TODAY)

    assert Expert.objects.get(pk=expert.pk).cv.name == "cvs/y.pdf"


def test_unconfirmed_expert_registrations_are_erased_after_thirty_days():
    rule("unconfirmed_expert_registrations", 30, "days", "account_created")
    kept = ExpertFactory(email_confirmed_at=None, created_at=at_noon(date(2031, 5, 16)))
    gone = ExpertFactory(email_confirmed_at=None, created_at=at_noon(date(2031, 5, 15)))
    confirmed = ExpertFactory(created_at=at_noon(date(2020, 1, 1)))

    apply_retention(TODAY)

    assert Expert.objects.get(pk=kept.pk).erased_at is None
    assert Expert.objects.get(pk=confirmed.pk).erased_at is None
    erased = Expert.objects.select_related("user").get(pk=gone.pk)
    assert erased.erased_at is not None
    assert (erased.user.full_name, erased.user.email, erased.user.is_active) == (
        f"Erased expert {gone.pk}",
        f"erased-{gone.pk}@invalid",
        False,
    )


def test_unconfirmed_applicant_accounts_are_erased_after_thirty_days():
    rule("unconfirmed_applicant_accounts", 30, "days", "account_created")
    institution = InstitutionFactory()

    def waiting_applicant(joined, **membership):
        user = UserFactory(date_joined=at_noon(joined))
        Membership.objects.create(
            user=user, role=Role.APPLICANT, institution=institution, **membership
        )
        return user

    kept = waiting_applicant(date(2031, 5, 16), confirmed_at=None)
    gone = waiting_applicant(date(2031, 5, 15), confirmed_at=None)
    confirmed = waiting_applicant(date(2020, 1, 1))

    apply_retention(TODAY)

    for user in (kept, gone, confirmed):
        user.refresh_from_db()
    assert kept.email.endswith("@example.org")
    assert confirmed.email.endswith("@example.org")
    assert (gone.full_name, gone.email, gone.is_active) == (
        f"Erased person {gone.pk}",
        f"user-{gone.pk}@erased.invalid",
        False,
    )
    assert not Membership.objects.filter(user=gone).exists()
    assert (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(gone),
            object_id=str(gone.pk),
            action="erase_account",
        ).count()
        == 1
    )


def test_contact_persons_go_ten_years_after_the_decision(applicant):
    rule("request_contact_persons", 10, "years", "request_closed")
    kept_request = ApplicationFactory(
        created_by=applicant, state="approved", decided_at=at_noon(date(2021, 6, 15))
    )
    gone_request = ApplicationFactory(
        created_by=applicant, state="rejected", decided_at=at_noon(date(2021, 6, 14))
    )
    open_request = ApplicationFactory(created_by=applicant, state="submitted")
    kept = ContactPersonFactory(application=kept_request, name="Kept Contact")
    gone = ContactPersonFactory(application=gone_request, name="Gone Contact", phone="+381")
    still_open = ContactPersonFactory(application=open_request, name="Open Contact")

    apply_retention(TODAY)

    assert ContactPerson.objects.get(pk=kept.pk).name == "Kept Contact"
    assert ContactPerson.objects.get(pk=still_open.pk).name == "Open Contact"
    erased = ContactPerson.objects.get(pk=gone.pk)
    assert (erased.name, erased.email, erased.phone, erased.position) == (
        "Erased contact person",
        f"contact-{gone.pk}@erased.invalid",
        "",
        "",
    )


def test_evaluation_links_lose_name_and_address_a_year_after_they_closed():
    rule("evaluation_links", 1, "years", "link_closed")
    event = EventFactory()
    questionnaire = Questionnaire.objects.filter(audience="participants").first()

    def link(email, closes):
        return EvaluationRequest.objects.create(
            event=event,
            questionnaire=questionnaire,
            audience="participants",
            name=email,
            email=email,
            closes_at=at_noon(closes),
            state="answered",
        )

    kept = link("kept@example.rs", date(2030, 6, 15))
    gone = link("gone@example.rs", date(2030, 6, 14))

    apply_retention(TODAY)

    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.name, kept.email) == ("kept@example.rs", "kept@example.rs")
    assert (gone.name, gone.email, gone.state) == (
        "Erased person",
        f"link-{gone.pk}@erased.invalid",
        "answered",
    )


def test_sent_mail_copies_are_deleted_after_ninety_days():
    rule("sent_mail_copies", 90, "days", "mail_sent")

    def sent(day, n):
        return OutboxMessage.objects.create(
            to_address="a@example.org",
            subject="s",
            body="b",
            message_id=f"<m{n}@x>",
            status="sent",
            sent_at=at_noon(day),
            next_attempt_at=at_noon(day),
        )

    kept = sent(TODAY - timedelta(days=90), 1)
    gone = sent(TODAY - timedelta(days=91), 2)

    apply_retention(TODAY)

    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not OutboxMessage.objects.filter(pk=gone.pk).exists()


def test_the_command_dry_run_prints_and_changes_nothing(capsys):
    rule("participant_contact_data", 5, "years", "event_end")
    person = ParticipantFactory(
        full_name="Command Person",
        event=EventFactory(
            reference="WS-2019-0007", start_date=date(2019, 1, 1), end_date=date(2019, 1, 2)
        ),
    )

    call_command("apply_retention", "--dry-run", "--today", "2031-06-15")

    out = capsys.readouterr().out
    assert (
        "participant_contact_data: 1 would be anonymised "
        "(5 years after the end of the event, before 2026-06-15)" in out
    )
    assert "    WS-2019-0007: Command Person (Ministry of Interior)" in out
    assert Participant.objects.get(pk=person.pk).full_name == "Command Person"


def test_the_command_anonymises(capsys):
    rule("participant_contact_data", 5, "years", "event_end")
    person = ParticipantFactory(
        event=EventFactory(start_date=date(2019, 1, 1), end_date=date(2019, 1, 2))
    )

    call_command("apply_retention", "--today", "2031-06-15")

    assert "participant_contact_data: 1 anonymised" in capsys.readouterr().out
    assert Participant.objects.get(pk=person.pk).full_name == "Erased participant"


def test_the_command_refuses_a_malformed_day():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today takes a day as YYYY-MM-DD"):
        call_command("apply_retention", "--today", "15/06/2031")


def test_the_nightly_task_runs_and_the_next_run_is_tomorrow_night():
    person = ParticipantFactory(
        event=EventFactory(start_date=date(2001, 1, 1), end_date=date(2001, 1, 2))
    )

    result = apply_retention_task.enqueue(reschedule=False)

    assert result.return_value["participant_contact_data"] == 1
    assert Participant.objects.get(pk=person.pk).full_name == "Erased participant"
    local = timezone.make_aware
    assert next_retention_run(local(datetime(2031, 6, 15, 23, 30))) == local(
        datetime(2031, 6, 16, 2)
    )
    assert next_retention_run(local(datetime(2031, 6, 16, 0, 45))) == local(
        datetime(2031, 6, 16, 2)
    )
    assert next_retention_run(local(datetime(2031, 6, 16, 2, 0))) == local(datetime(2031, 6, 17, 2))


def test_cutoff_counts_from_the_rule():
    assert cutoff_for(
        RetentionRule(kind="x", period=5, unit="years", anchor="event_end"), TODAY
    ) == date(2026, 6, 15)


def test_the_admin_form_refuses_an_anchor_the_kind_does_not_count_from():
    from taiex.core.admin import RetentionRuleForm

    form = RetentionRuleForm(
        instance=RetentionRule.objects.get(kind="expert_cvs"),
        data={
            "kind": "expert_cvs",
            "period": 5,
            "unit": "years",
            "anchor": "event_end",
            "reason": "",
        },
    )

    assert form.errors == {
        "anchor": ["For this kind the period counts from: the person's last activity."]
    }


def test_an_administrator_s_change_of_a_rule_is_an_audit_row(admin_client, admin_user):
    from django.urls import reverse

    retention = RetentionRule.objects.get(kind="participant_contact_data")

    response = admin_client.post(
        reverse("admin:core_retentionrule_change", args=[retention.pk]),
        {
            "kind": "participant_contact_data",
            "period": 3,
            "unit": "years",
            "anchor": "event_end",
            "is_active": "on",
            "reason": "Shorter.",
        },
    )

    assert response.status_code == 302
    retention.refresh_from_db()
    assert (retention.period, retention.reason) == (3, "Shorter.")
    row = ActivityLog.objects.get(action="admin_change", object_id=str(retention.pk))
    assert (row.actor, row.data) == (admin_user, {"fields": ["period", "reason"]})


def test_schedule_queues_nothing_for_today_on_a_backend_without_deferred_tasks(capsys):
    person = ParticipantFactory(
        event=EventFactory(start_date=date(2001, 1, 1), end_date=date(2001, 1, 2))
    )

    call_command("apply_retention", "--schedule")

    assert "cannot defer tasks: run the command from cron" in capsys.readouterr().out
    assert Participant.objects.get(pk=person.pk).full_name == person.full_name


def test_schedule_queues_the_first_sweep_for_the_next_night(settings, capsys):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()

    call_command("apply_retention", "--schedule")

    [queued] = default_task_backend.results
    assert queued.task.name == "apply_retention_task"
    assert queued.task.run_after == next_retention_run(timezone.now())
    assert "The retention sweep is queued for" in capsys.readouterr().out
