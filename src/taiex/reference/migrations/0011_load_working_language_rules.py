"""Loads the minimum level in a working language shipped in reference/data/working_language_rules.csv."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "working_language_rules.csv"


def load(apps, schema_editor):
    rule = apps.get_model("reference", "WorkingLanguageRule")
    with DATA.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            rule.objects.create(
                minimum_level=row["minimum_level"],
                valid_from=date.fromisoformat(row["valid_from"]),
                valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                source=row["source"],
            )


def unload(apps, schema_editor):
    apps.get_model("reference", "WorkingLanguageRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0010_working_language_rule")]

    operations = [migrations.RunPython(load, unload)]
