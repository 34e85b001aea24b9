"""The in-app inbox: every notification for a person with an account is an inbox item; each
person's choice per kind decides e-mail now, daily digest or inbox only; nobody sees another's
items; reading keeps the header's count exact; export and erasure include the inbox."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taiex.core import inbox
from taiex.core.mail import notify
from taiex.core.models import InboxItem, NotificationPreference, OutboxMessage
from taiex.core.personal_data import exported_sections, run_erasure_steps
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "events/email/move"
TEMPLATE = "events/email/move.txt"
CONTEXT = {"event": None, "move": "confirmed", "note": "", "actor": None}


def send(recipients, subject="Event confirmed", template="core/test_mail.txt"):
    return notify(recipients, subject=subject, template=template, context={})


@pytest.fixture(autouse=True)
def simple_template(settings, tmp_path):
    """A template of our own, so the tests do not depend on an app's e-mail wording."""
    folder = tmp_path / "templates"
    (folder / "core").mkdir(parents=True)
    (folder / "core" / "test_mail.txt").write_text("Hello {{ recipient }}, it is confirmed.")
    (folder / "events" / "email").mkdir(parents=True)
    (folder / "events" / "email" / "move.txt").write_text("The event moved.")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(folder), *settings.TEMPLATES[0].get("DIRS", [])]}
    ]


def refreshed(user):
    user.refresh_from_db()
    return user


def test_a_notification_to_a_user_or_their_address_is_an_inbox_item_and_an_email(
    django_capture_on_commit_callbacks,
):
    eva = UserFactory(email="eva@example.org")
    ana = UserFactory(email="ana@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        count = send([eva, "ANA@example.org", "nobody@example.org"])

    assert count == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ANA@example.org",
        "eva@example.org",
        "nobody@example.org",
    ]
    items = InboxItem.objects.order_by("user__email")
    assert [(i.user, i.kind, i.subject, i.read_at) for i in items] == [
        (ana, "core/test_mail", "Event confirmed", None),
        (eva, "core/test_mail", "Event confirmed", None),
    ]
    assert (refreshed(eva).inbox_unread, refreshed(ana).inbox_unread) == (1, 1)


def test_an_inactive_account_gets_no_inbox_item():
    UserFactory(email="gone@example.org", is_active=False)

    send(["gone@example.org"])

    assert InboxItem.objects.count() == 0


def send_and_fail(recipients):
    with transaction.atomic():
        send(recipients)
        raise RuntimeError


def test_a_rolled_back_change_leaves_no_inbox_item():
    eva = UserFactory()
    with pytest.raises(RuntimeError):
        send_and_fail([eva])

    assert (InboxItem.objects.count(), refreshed(eva).inbox_unread) == (0, 0)


def test_inbox_only_sends_no_email_and_keeps_the_item(django_capture_on_commit_callbacks):
    eva = UserFactory()
    ana = UserFactory()
    inbox.set_preferences(eva, {KIND: "inbox_only"})

    with django_capture_on_commit_callbacks(execute=True):
        count = send([eva, ana], template=TEMPLATE)

    assert count == 1
    assert [m.to for m in mail.outbox] == [[ana.email]]
    assert InboxItem.objects.filter(user=eva, digest_due=False).count() == 1


def test_the_daily_digest_gathers_the_items_before_its_hour_into_one_email(
    settings, django_capture_on_commit_callbacks
):
    settings.TAIEX_DIGEST_HOUR = 7
    zone = ZoneInfo(settings.TIME_ZONE)
    eva = UserFactory(full_name="Eva Expert")
    inbox.set_preferences(eva, {KIND: "daily_digest"})
    with django_capture_on_commit_callbacks(execute=True):
        send([eva], subject="First", template=TEMPLATE)
        send([eva], subject="Second", template=TEMPLATE)
    assert mail.outbox == []
    yesterday = datetime(2026, 3, 9, 15, 0, tzinfo=zone)
    InboxItem.objects.update(created_at=yesterday)
    send([eva], subject="Third", template=TEMPLATE)  # after the digest time: tomorrow's

    before_seven = datetime(2026, 3, 10, 6, 59, tzinfo=zone)
    at_seven = datetime(2026, 3, 10, 7, 0, tzinfo=zone)
    InboxItem.objects.filter(subject="Third").update(created_at=at_seven + timedelta(hours=1))
    assert inbox.send_due_digests(now=before_seven) == 0  # not before the hour... of the 9th
    with django_capture_on_commit_callbacks(execute=True):
        sent = inbox.send_due_digests(now=at_seven)

    assert sent == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([eva.email], "[taiex] Your daily digest: 2 notifications")
    ]
    body = mail.outbox[0].body
    assert body.index("First") < body.index("Second")
    assert "Third" not in body
    assert inbox.send_due_digests(now=at_seven) == 0  # claimed: never twice
    assert OutboxMessage.objects.count() == 1


def test_the_digest_moment_is_the_latest_digest_hour(settings):
    settings.TAIEX_DIGEST_HOUR = 7
    zone = ZoneInfo(settings.TIME_ZONE)
    assert inbox.digest_moment(datetime(2026, 3, 10, 6, 0, tzinfo=zone)) == datetime(
        2026, 3, 9, 7, 0, tzinfo=zone
    )
    assert inbox.next_digest_moment(datetime(2026, 3, 10, 8, 0, tzinfo=zone)) == datetime(
        2026, 3, 11, 7, 0, tzinfo=zone
    )


def test_an_address_confirmation_is_emailed_and_never_an_inbox_item(
    django_capture_on_commit_callbacks,
):
    eva = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [eva],
            subject="Confirm your address",
            template="experts/profiles/email/confirm_email.txt",
            context={"link": "https://example.org/x", "expert": None},
        )

    assert [m.to for m in mail.outbox] == [[eva.email]]
    assert InboxItem.objects.count() == 0


# Pages.


def test_the_inbox_lists_only_the_users_own_items_newest_first(client):
    eva, ana = UserFactory(), UserFactory()
    send([eva], subject="Older")
    send([eva], subject="Newer")
    send([ana], subject="Not yours")
    InboxItem.objects.filter(subject="Older").update(created_at=timezone.now() - timedelta(days=1))
    client.force_login(eva)

    response = client.get(reverse("core:inbox"))

    assert [item.subject for item in response.context["page"].object_list] == ["Newer", "Older"]
    assert '<span class="badge">2<span class="visually-hidden"> unread</span>' in (
        response.content.decode()
    )


def test_opening_an_item_marks_it_read_and_lowers_the_count(client):
    eva = UserFactory()
    send([eva], subject="One")
    send([eva], subject="Two")
    item = InboxItem.objects.get(subject="One")
    client.force_login(eva)

    response = client.get(reverse("core:inbox_item", args=[item.pk]))

    assert response.status_code == 200
    assert "Hello" in response.content.decode()
    item.refresh_from_db()
    assert item.read_at is not None
    assert refreshed(eva).inbox_unread == 1


def test_nobody_opens_another_persons_item(client):
    eva, ana = UserFactory(), UserFactory()
    send([eva])
    item = InboxItem.objects.get()
    client.force_login(ana)

    response = client.get(reverse("core:inbox_item", args=[item.pk]))

    assert response.status_code == 404
    item.refresh_from_db()
    assert (item.read_at, refreshed(eva).inbox_unread) == (None, 1)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("core:inbox"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_mark_all_read_reads_only_ones_own_items(client):
    eva, ana = UserFactory(), UserFactory()
    for _ in range(3):
        send([eva, ana])
    client.force_login(eva)

    response = client.post(reverse("core:inbox_read_all"))

    assert response.status_code == 302
    assert InboxItem.objects.filter(user=eva, read_at__isnull=True).count() == 0
    assert InboxItem.objects.filter(user=ana, read_at__isnull=True).count() == 3
    assert (refreshed(eva).inbox_unread, refreshed(ana).inbox_unread) == (0, 3)


def test_mark_all_read_needs_a_post(client):
    eva = UserFactory()
    send([eva])
    client.force_login(eva)

    assert client.get(reverse("core:inbox_read_all")).status_code == 405
    assert refreshed(eva).inbox_unread == 1


def test_the_settings_page_saves_the_choice_per_kind(client):
    eva = UserFactory()
    client.force_login(eva)
    form = client.get(reverse("core:inbox_settings")).context["form"]
    data = dict.fromkeys(form.fields, "email_now")
    index = list(inbox.KINDS).index(KIND)
    data[f"kind_{index}"] = "daily_digest"

    response = client.post(reverse("core:inbox_settings"), data)

    assert response.status_code == 302
    assert list(NotificationPreference.objects.values_list("user", "kind", "delivery")) == [
        (eva.pk, KIND, "daily_digest")
    ]
    assert inbox.preferences_of(eva)[KIND] == "daily_digest"


def test_an_unknown_delivery_is_refused_by_field_and_nothing_saved(client):
    eva = UserFactory()
    client.force_login(eva)

    response = client.post(reverse("core:inbox_settings"), {"kind_0": "pigeon"})

    assert response.status_code == 400
    assert "Select a valid choice" in str(response.context["form"].errors["kind_0"])
    assert NotificationPreference.objects.count() == 0


def test_the_inbox_costs_the_same_queries_for_one_and_three_items(
    client, django_assert_num_queries
):
    eva = UserFactory()
    client.force_login(eva)
    send([eva])
    client.get(reverse("core:inbox"))  # warm the session
    with django_assert_num_queries(5):
        client.get(reverse("core:inbox"))
    send([eva])
    send([eva])
    with django_assert_num_queries(5):
        client.get(reverse("core:inbox"))


# Personal data.


def test_the_export_holds_the_inbox_and_the_erasure_removes_it():
    eva = UserFactory()
    send([eva], subject="About you")
    inbox.set_preferences(eva, {KIND: "inbox_only"})

    sections = exported_sections(eva)

    assert [item["subject"] for item in sections["inbox"]] == ["About you"]
    assert sections["notification_choices"] == {KIND: "inbox_only"}

    run_erasure_steps(eva, name=eva.full_name, placeholder="Erased person")

    assert InboxItem.objects.filter(user=eva).count() == 0
    assert NotificationPreference.objects.filter(user=eva).count() == 0
    assert refreshed(eva).inbox_unread == 0
