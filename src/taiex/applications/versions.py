"""What the NCP saw: a snapshot of a request as submitted, and what changed on resubmission.

At each submission the readable value of every field of the request form is kept in the audit
row of the move (`data["snapshot"]`). When a returned request is resubmitted, the new snapshot
is compared with the one of the previous submission and the changed fields, with their old and
new values, go in the audit row of the resubmission (`data["changes"]`): the request's timeline
and the NCP's e-mail show them.

Contact persons are personal data and an erasure must not leave copies in the audit log, so
the snapshot keeps only their number; that they changed comes from the edits in between
(save_draft names "contacts" in its audit row).
"""

from django.core.exceptions import FieldDoesNotExist

from taiex.core.audit import activity_of

from .models import Application

SUBMISSION_ACTIONS = ("submit", "resubmit")
CONTACTS = "contacts"
PAIRS = "interpretation_pairs"


def form_fields():
    """(name, label) of the fields of the request form, in the order of its sections."""
    from .forms import SECTIONS, ApplicationForm

    names = [name for name in ApplicationForm.base_fields if name != "version"]
    placed = [name for _, _, section in SECTIONS for name in section if name in names]
    ordered = placed + [name for name in names if name not in placed]
    return [(name, str(ApplicationForm.base_fields[name].label or name)) for name in ordered]


def readable(application, name):
    """The value of one field as a person reads it; "" when empty."""
    try:
        field = Application._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(application, name, "")
        return "" if value is None else str(value)
    if field.many_to_many:
        return "; ".join(str(item) for item in getattr(application, name).all())
    value = getattr(application, name)
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(getattr(application, f"get_{name}_display")())
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def snapshot_of(application):
    """{field: readable value} of the request as stored now, and the number of contacts."""
    application = Application.objects.get(pk=application.pk)
    values = {name: readable(application, name) for name, _ in form_fields()}
    count = application.contacts.count()
    values[CONTACTS] = f"{count} contact person{'s' if count != 1 else ''}"
    values[PAIRS] = "; ".join(
        f"{pair.source.name} into {pair.target.name} ({pair.mode})"
        for pair in application.interpretation_pairs.select_related("source", "target")
    )
    return values


def last_submission(application):
    """The audit row of the latest submission of `application` that kept a snapshot, or None."""
    rows = [
        row
        for row in activity_of(application).order_by("-created_at", "-pk")
        if row.action in SUBMISSION_ACTIONS and "snapshot" in (row.data or {})
    ]
    return rows[0] if rows else None


def changes_since(previous_row, application, snapshot):
    """[{field, label, old, new}] of the fields that differ from the previous submission, in
    the order of the form; None when there is no earlier snapshot to compare with."""
    if previous_row is None:
        return None
    before = previous_row.data["snapshot"]
    labels = dict(form_fields())
    changes = []
    for name, label in labels.items():
        old, new = before.get(name, ""), snapshot.get(name, "")
        if old != new:
            changes.append({"field": name, "label": label, "old": old, "new": new})
    if before.get(PAIRS, "") != snapshot.get(PAIRS, ""):
        changes.append(
            {
                "field": PAIRS,
                "label": "Interpretation (language pairs)",
                "old": before.get(PAIRS, ""),
                "new": snapshot.get(PAIRS, ""),
            }
        )
    edited_contacts = any(
        CONTACTS in (row.data or {}).get("fields", [])
        for row in activity_of(application).filter(action="edit", pk__gt=previous_row.pk)
    )
    if edited_contacts or before.get(CONTACTS, "") != snapshot.get(CONTACTS, ""):
        changes.append(
            {
                "field": CONTACTS,
                "label": "Contact persons",
                "old": before.get(CONTACTS, ""),
                "new": f"{snapshot.get(CONTACTS, '')} (changed)",
            }
        )
    return changes
