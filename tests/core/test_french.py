# ruff: noqa: RUF001 (French apostrophes)
"""The core's pages in French: the privacy notices (their index and each notice, with the
retention periods read from the rules), the audit log, the outbox of failed e-mails, the
retention dry run and the inbox (list, item, settings: the kinds of notification and the
deliveries); no English sentence is left apart from what people or machines wrote."""

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.models import User
from taiex.core import inbox
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog, InboxItem, OutboxMessage, OutboxStatus
from tests.factories import ApplicationFactory
from tests.i18n import FRENCH, both, english_left, untranslated_nodes

pytestmark = pytest.mark.django_db


def user_content():
    """What people (and the mail server) wrote, the same in both languages on purpose."""
    texts = []
    for user in User.objects.all():
        texts += [user.full_name, user.email]
    for message in OutboxMessage.objects.all():
        texts += [message.subject, message.to_address, message.last_error]
    for row in ActivityLog.objects.all():
        texts += [row.note, row.object_repr]
    for item in InboxItem.objects.all():
        texts += [item.subject, *item.body.splitlines()]
    return [text for text in texts if text]


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


@pytest.mark.parametrize("audience", ["experts", "applicants", "participants", "public"])
def test_each_privacy_notice_in_french(client, audience):
    english, french = both(client, reverse("core:privacy_notice", args=[audience]))

    assert_all_french(english, french)
    assert '<h2 id="rights">7. Vos droits et comment les exercer</h2>' in french


def test_the_experts_notice_reads_its_retention_periods_in_french(client):
    french = client.get(reverse("core:privacy_notice", args=["experts"]), **FRENCH)
    content = french.content.decode()

    assert "<h1>Avis de confidentialité pour les experts</h1>" in content
    assert '<th scope="row">CV des experts</th>' in content
    assert "après la dernière activité de la personne" in content


def test_the_privacy_index_in_french(client):
    english, french = both(client, reverse("core:privacy"))

    assert_all_french(english, french)
    assert "Avis de confidentialité pour les participants aux événements</a>" in french


def test_the_audit_log_in_french(client, head_of_unit, applicant):
    application = ApplicationFactory(created_by=applicant, reference="APP-2026-00001")
    log_action(application, actor=applicant, action="submit", note="Sent for the meeting.")
    log_action(application, actor=None, action="remind")
    client.force_login(head_of_unit)

    english, french = both(client, reverse("core:audit_log"))

    assert_all_french(english, french)
    assert "<h1>Journal d'audit</h1>" in french
    assert "<caption>2 lignes</caption>" in french
    assert "<td>système</td>" in french
    assert '<label for="id_person">Personne qui a agi' in french


def test_the_outbox_in_french(client, administrator):
    OutboxMessage.objects.create(
        to_address="ana@gov.rs",
        subject="[taiex] APP-2026-00001 forwarded",
        body="Your request was forwarded.",
        message_id="<1@taiex>",
        status=OutboxStatus.FAILED,
        attempts=5,
        next_attempt_at=timezone.now(),
        last_error="Connection refused",
    )
    client.force_login(administrator)

    english, french = both(client, reverse("core:outbox"))

    assert_all_french(english, french)
    assert "<caption>1 courriel en échec</caption>" in french
    assert "<caption>0 courriel en attente d’une nouvelle tentative</caption>" in french
    assert "Renvoyer : [taiex] APP-2026-00001 forwarded à ana@gov.rs" in french


def test_the_retention_dry_run_in_french(client, head_of_unit):
    client.force_login(head_of_unit)

    english, french = both(client, reverse("core:retention_report"))

    assert_all_french(english, french)
    assert "<h1>Conservation : ce qui serait anonymisé aujourd’hui</h1>" in french
    assert "Rien n’a dépassé sa période." in french


def test_the_inbox_in_french(client, applicant):
    inbox.add_items(
        [
            (
                applicant,
                "applications/email/move",
                "[taiex] APP-2026-00001 returned",
                "Please add the agenda.",
                "email_now",
            )
        ]
    )
    item = InboxItem.objects.get()
    client.force_login(applicant)

    english, french = both(client, reverse("core:inbox"))
    assert_all_french(english, french)
    assert '<span class="badge">Non lue</span>' in french

    english, french = both(client, reverse("core:inbox_item", args=[item.pk]))
    assert_all_french(english, french)
    assert "Retour à la boîte de réception" in french

    english, french = both(client, reverse("core:inbox_settings"))
    assert_all_french(english, french)
    assert "<h1>Comment les notifications vous parviennent</h1>" in french
    assert "Vos demandes : soumises, renvoyées, transmises, décidées...</label>" in french
    assert '<option value="daily_digest">Un courriel par jour (récapitulatif)</option>' in french


def test_marking_all_read_answers_in_french(client, applicant):
    client.force_login(applicant)

    answer = client.post(reverse("core:inbox_read_all"), follow=True, **FRENCH)

    assert "Rien n’était non lu." in answer.content.decode()
