"""Calls, interests and invitations leave the expert database for the `staffing` app. Only
Django's idea of the models moves here; the tables stay and `staffing` takes them over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0005_event_experts"),
        ("experts", "0003_expert_is_eu_staff"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='expertcall',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='expertcall',
                    name='published_by',
                ),
                migrations.RemoveConstraint(
                    model_name='interest',
                    name='one_interest_per_call',
                ),
                migrations.RemoveConstraint(
                    model_name='invitation',
                    name='one_active_invitation_per_expert_and_event',
                ),
                migrations.RemoveField(
                    model_name='interest',
                    name='call',
                ),
                migrations.RemoveField(
                    model_name='interest',
                    name='expert',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='expert',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='invited_by',
                ),
                migrations.DeleteModel(
                    name='ExpertCall',
                ),
                migrations.DeleteModel(
                    name='Interest',
                ),
                migrations.DeleteModel(
                    name='Invitation',
                ),
            ],
        ),
    ]
