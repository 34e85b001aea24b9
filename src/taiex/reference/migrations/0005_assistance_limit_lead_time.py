"""The usual lead time of a request, and the workshop's expert ceiling, as dated limits."""

from django.db import migrations, models

from taiex.reference.loading import load_limits


def reload_limits(apps, schema_editor):
    load_limits(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("reference", "0004_fee_rules")]

    operations = [
        migrations.AddField(
            model_name="assistancelimit",
            name="usual_lead_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Days usually needed between a request's submission and its event; "
                "a request due sooner is warned.",
                null=True,
            ),
        ),
        migrations.RunPython(reload_limits, migrations.RunPython.noop),
    ]
