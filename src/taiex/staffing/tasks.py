"""Background tasks of the expert database: reminders of unanswered invitations."""

from django.tasks import task
from django.utils import timezone

from .services.invitations import expire_overdue_invitations, send_due_reminders


@task
def send_invitation_reminders_task(invitation_id):
    """Runs REMINDER_AFTER_DAYS after an invitation; reminds every invitation due by now (the
    one that queued it included, unless answered) and expires the overdue ones."""
    now = timezone.now()
    reminded = send_due_reminders(now)
    expire_overdue_invitations(now)
    return [invitation.pk for invitation in reminded]
