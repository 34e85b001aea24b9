"""The experts of an event become the events app's own rows (`EventExpert`), made from the
accepted invitations of the expert database; travel and fee statements hang on them instead of
on the invitation (the invitations move to the `staffing` app next)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

BATCH = 2000


def copy_accepted_invitations(apps, schema_editor):
    """One EventExpert per (event, expert) with an accepted invitation, or with travel or a fee
    statement on an invitation withdrawn or declined after acceptance (then `left_at` is set),
    and the travel and statements moved onto it. Should two invitations of the same expert to
    the same event both carry travel (withdrawn, then invited and accepted again), the current
    one's is kept and the stale one's is deleted: a place has one travel."""
    Invitation = apps.get_model("experts", "Invitation")
    EventExpert = apps.get_model("events", "EventExpert")
    Travel = apps.get_model("events", "Travel")
    FeeStatement = apps.get_model("events", "FeeStatement")
    wanted = (
        Invitation.objects.filter(
            Q(state="accepted") | Q(travel__isnull=False) | Q(fee_statement__isnull=False)
        )
        .distinct()
        .order_by("pk")
    )
    rows = {}
    for invitation in wanted.iterator(chunk_size=BATCH):
        key = (invitation.event_id, invitation.expert_id)
        current = invitation.state == "accepted"
        if key in rows and not current:
            continue
        rows[key] = EventExpert(
            event_id=invitation.event_id,
            expert_id=invitation.expert_id,
            role=invitation.role,
            joined_at=invitation.responded_at or invitation.invited_at,
            left_at=None if current else (invitation.updated_at or invitation.invited_at),
        )
    EventExpert.objects.bulk_create(rows.values(), batch_size=BATCH)
    place_of = {
        (event_id, expert_id): pk
        for pk, event_id, expert_id in EventExpert.objects.values_list(
            "pk", "event_id", "expert_id"
        )
    }
    invitation_key = dict.fromkeys(wanted.values_list("pk", flat=True))
    for pk, event_id, expert_id in Invitation.objects.filter(
        pk__in=list(invitation_key)
    ).values_list("pk", "event_id", "expert_id"):
        invitation_key[pk] = (event_id, expert_id)
    for model in (Travel, FeeStatement):
        taken, changed, stale = set(), [], []
        # The current invitation first (accepted ones sort before the others).
        items = list(model.objects.filter(invitation__isnull=False).select_related("invitation"))
        items.sort(key=lambda item: (item.invitation.state != "accepted", -item.invitation_id))
        for item in items:
            place = place_of[invitation_key[item.invitation_id]]
            if place in taken:
                stale.append(item.pk)
                continue
            taken.add(place)
            item.event_expert_id = place
            changed.append(item)
        model.objects.filter(pk__in=stale).delete()
        model.objects.bulk_update(changed, ["event_expert"], batch_size=BATCH)


def fix_country_trigger(apps, schema_editor):
    """SQLite: the trigger that re-indexes events when a country is renamed named an unqualified
    `rowid`, which SQLite refuses when it re-checks the schema on a table rename (every table
    rebuild of a later migration, like the two below). Install it again, qualified."""
    if schema_editor.connection.vendor != "sqlite":
        return
    from taiex.events.search import sqlite

    trigger = "events_event_search_country_renamed"
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}", params=None)
    statement = next(s for s in sqlite.install_statements() if trigger in s)
    schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("events", "0004_search_index"),
        ("experts", "0003_expert_is_eu_staff"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(fix_country_trigger, migrations.RunPython.noop, elidable=False),
        migrations.CreateModel(
            name="EventExpert",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("lead_expert", "Lead expert"),
                            ("expert", "Expert"),
                            ("chair", "Chair"),
                            ("speaker", "Speaker"),
                        ],
                        default="expert",
                        max_length=20,
                    ),
                ),
                ("joined_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("left_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["joined_at", "id"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="feestatement",
            name="statement_has_one_payee",
        ),
        migrations.RemoveConstraint(
            model_name="travel",
            name="travel_has_one_traveller",
        ),
        migrations.AddField(
            model_name="eventexpert",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="event_experts",
                to="events.event",
            ),
        ),
        migrations.AddField(
            model_name="eventexpert",
            name="expert",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="event_places",
                to="experts.expert",
            ),
        ),
        migrations.AddIndex(
            model_name="eventexpert",
            index=models.Index(fields=["expert", "left_at"], name="event_expert_current_idx"),
        ),
        migrations.AddConstraint(
            model_name="eventexpert",
            constraint=models.UniqueConstraint(
                fields=("event", "expert"), name="one_place_per_expert"
            ),
        ),
        migrations.AddField(
            model_name="feestatement",
            name="event_expert",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="fee_statement",
                to="events.eventexpert",
            ),
        ),
        migrations.AddField(
            model_name="travel",
            name="event_expert",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="travel",
                to="events.eventexpert",
            ),
        ),
        migrations.RunPython(copy_accepted_invitations, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="feestatement",
            name="invitation",
        ),
        migrations.RemoveField(
            model_name="travel",
            name="invitation",
        ),
        migrations.AddConstraint(
            model_name="feestatement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("event_expert__isnull", False), ("host_institution__isnull", True)),
                    models.Q(("event_expert__isnull", True), ("host_institution__isnull", False)),
                    _connector="OR",
                ),
                name="statement_has_one_payee",
            ),
        ),
        migrations.AddConstraint(
            model_name="travel",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("event_expert__isnull", False), ("participant__isnull", True)),
                    models.Q(("event_expert__isnull", True), ("participant__isnull", False)),
                    _connector="OR",
                ),
                name="travel_has_one_traveller",
            ),
        ),
    ]
