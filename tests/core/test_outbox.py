"""The mail outbox: rows written with the change, sent once after the commit, retried with
doubling pauses, failed after the last attempt, resent by an administrator."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.core import outbox
from taiex.core.mail import notify
from taiex.core.models import ActivityLog, OutboxMessage, OutboxStatus
from tests.factories import make_user

# A template that needs no context, so the bodies are known exactly.
TEMPLATE = "accounts/email/password_reset_subject.txt"
BODY = "[taiex] Choose a new password\n"
REFUSING = {"default": {"BACKEND": "tests.core.mail_backends.RefusingBackend"}}


def queue_one(address="eva@example.org", subject="Hello"):
    [pk] = outbox.queue_messages([(address, subject, "Body")])
    return OutboxMessage.objects.get(pk=pk)


def test_notify_writes_the_outbox_and_sends_after_the_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = notify(
            ["eva@example.org", "EVA@example.org", "ana@example.org"],
            subject="Event confirmed",
            template=TEMPLATE,
            context={},
        )
        assert [(m.to_address, m.status) for m in OutboxMessage.objects.order_by("pk")] == [
            ("eva@example.org", "pending"),
            ("ana@example.org", "pending"),
        ]
        assert mail.outbox == []

    assert count == 2
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["eva@example.org"], "[taiex] Event confirmed", BODY),
        (["ana@example.org"], "[taiex] Event confirmed", BODY),
    ]
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [(row.status, row.attempts, row.last_error) for row in rows] == [
        ("sent", 1, ""),
        ("sent", 1, ""),
    ]
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [r.message_id for r in rows]


def test_a_rolled_back_change_leaves_no_mail(db, django_capture_on_commit_callbacks):
    def change_that_fails():
        with transaction.atomic():
            notify(["eva@example.org"], subject="S", template=TEMPLATE, context={})
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()

    assert (OutboxMessage.objects.count(), mail.outbox) == (0, [])


def test_a_row_is_sent_once_however_often_it_is_delivered(db):
    message = queue_one()

    assert [outbox.deliver(message.pk), outbox.deliver(message.pk)] == [True, False]
    assert outbox.deliver_due() == 0
    assert len(mail.outbox) == 1


def test_a_row_held_by_another_sender_is_left_alone(db):
    message = queue_one()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, claimed_until=timezone.now() + timedelta(minutes=2)
    )

    assert (outbox.deliver(message.pk), outbox.release_expired_claims(), mail.outbox) == (
        False,
        0,
        [],
    )


def test_the_retry_pause_doubles_up_to_six_hours(settings):
    settings.TAIEX_MAIL_RETRY_SECONDS = 60

    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 9, 20)] == [
        60,
        120,
        240,
        480,
        15360,
        21600,
    ]


@override_settings(MAILERS=REFUSING, TAIEX_MAIL_MAX_ATTEMPTS=3, TAIEX_MAIL_RETRY_SECONDS=60)
def test_a_refused_mail_is_retried_later_then_failed(db):
    message = queue_one()

    before = timezone.now()
    assert outbox.deliver(message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        "pending",
        1,
        "SMTPServerDisconnected: Connection unexpectedly closed",
    )
    assert before + timedelta(seconds=59) < message.next_attempt_at < before + timedelta(seconds=62)
    assert outbox.deliver_due() == 0  # not due yet

    for attempt in (2, 3):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox.deliver_due()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (
            "pending" if attempt < 3 else "failed",
            attempt,
        )
    assert mail.outbox == []


def test_a_claim_that_expired_goes_back_to_the_queue_with_the_same_message_id(db):
    message = queue_one()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, attempts=1, claimed_until=timezone.now() - timedelta(seconds=1)
    )

    assert outbox.release_expired_claims() == 1
    assert outbox.deliver_due() == 1
    sent = OutboxMessage.objects.get(pk=message.pk)
    assert (sent.status, sent.attempts, mail.outbox[0].extra_headers["Message-ID"]) == (
        "sent",
        2,
        message.message_id,
    )


@override_settings(TAIEX_MAIL_MAX_ATTEMPTS=2)
def test_an_expired_claim_at_the_last_attempt_fails(db):
    message = queue_one()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, attempts=2, claimed_until=timezone.now() - timedelta(seconds=1)
    )

    assert outbox.release_expired_claims() == 1
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        "failed",
        "The sender stopped while sending, at the last attempt.",
    )


def failed_message(subject="Hello"):
    message = queue_one(subject=subject)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED, attempts=8, last_error="SMTPServerDisconnected: gone"
    )
    return message


@pytest.fixture
def outbox_admin(db):
    return make_user(Role.ADMINISTRATOR, full_name="Alma Administrator")


def test_the_administrator_resends_a_failed_mail(
    client, outbox_admin, django_capture_on_commit_callbacks
):
    message = failed_message()
    client.force_login(outbox_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:outbox_resend", args=[message.pk]))

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.attempts, len(mail.outbox)) == ("sent", 1, 1)
    entry = ActivityLog.objects.get(action="mail.resent")
    assert (entry.actor, entry.object_id, entry.from_state, entry.to_state) == (
        outbox_admin,
        str(message.pk),
        "failed",
        "pending",
    )


def test_a_sent_mail_cannot_be_resent(db, outbox_admin):
    message = queue_one()
    outbox.deliver(message.pk)

    with pytest.raises(outbox.OutboxError) as error:
        outbox.resend(message, actor=outbox_admin)

    assert str(error.value) == "Only a failed e-mail can be sent again; this one is not failed."
    assert (len(mail.outbox), ActivityLog.objects.count()) == (1, 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.APPLICANT, 404),
        (Role.NCP, 404),
        (Role.EXPERT, 404),
        (Role.CASE_HANDLER, 404),
        (Role.HEAD_OF_UNIT, 404),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_only_administrators_see_and_resend_failed_mail(
    client, db, role, expected, django_capture_on_commit_callbacks
):
    message = failed_message(subject="Invitation to WS-2026-0001")
    if role is not None:
        extra = {"country": "RS"} if role in {Role.APPLICANT, Role.NCP} else {}
        client.force_login(make_user(role, **extra))

    page = client.get(reverse("core:outbox"))
    with django_capture_on_commit_callbacks(execute=True):
        resend = client.post(reverse("core:outbox_resend", args=[message.pk]))

    assert page.status_code == expected
    message.refresh_from_db()
    if expected == 200:
        assert "Invitation to WS-2026-0001" in page.content.decode()
        assert (resend.status_code, message.status) == (302, "sent")
    else:
        assert resend.status_code == (302 if role is None else 404)
        assert (message.status, len(mail.outbox)) == ("failed", 0)


def test_the_outbox_page_costs_the_same_for_one_and_three_mails(
    client, outbox_admin, django_assert_num_queries
):
    client.force_login(outbox_admin)
    failed_message()
    client.get(reverse("core:outbox"))  # warm the session and role caches

    with django_assert_num_queries(6):
        one = client.get(reverse("core:outbox"))
    failed_message("Second")
    failed_message("Third")
    with django_assert_num_queries(6):
        three = client.get(reverse("core:outbox"))

    assert (
        one.content.decode().count("Send again</button>"),
        three.content.decode().count("Send again</button>"),
    ) == (1, 3)
