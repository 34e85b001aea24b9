"""How long copies of sent e-mails are kept in the outbox (registered with core.retention):
the message was delivered; its copy (address, body) is only kept to look into a complaint."""

from .models import OutboxMessage, OutboxStatus, RetentionAnchor
from .retention import retention_kind


def sent_mail_due(cutoff, anchor):
    return OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, sent_at__date__lt=cutoff
    ).order_by("sent_at", "pk")


@retention_kind(
    "sent_mail_copies",
    label="Copies of e-mails sent by the application",
    audiences=("experts", "applicants", "participants"),
    anchors=(RetentionAnchor.MAIL_SENT,),
    due=sent_mail_due,
    describe=lambda message: (
        f"{message.subject} to {message.to_address}, sent {message.sent_at:%d %B %Y}"
    ),
    what_happens="the copy is deleted",
)
def delete_sent_mail(messages):
    OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).delete()
