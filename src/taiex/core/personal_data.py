"""The registry of personal-data fields, so export, erasure and retention can find them."""

REGISTRY: dict[type, tuple[str, ...]] = {}


def holds_personal_data(*fields):
    """Class decorator: declare which fields of a model are personal data."""

    def register(model):
        REGISTRY[model] = tuple(fields)
        return model

    return register


def personal_data_models():
    return dict(REGISTRY)


# Parts of a person's data held by apps above the one that exports or erases the person: an
# app registers its part here (from its AppConfig.ready) instead of being imported by the lower
# app. `export(user)` returns JSON-ready data; `erase(user, name=..., placeholder=..., email=...)`
# removes it. People known only by an address (participants, contact persons) have the same
# pair keyed by the address: `export(email)` and `erase(email, event_ids=...)`.
EXPORT_SECTIONS: dict[str, object] = {}
ERASURE_STEPS: list = []
ADDRESS_EXPORT_SECTIONS: dict[str, object] = {}
ADDRESS_ERASURE_STEPS: list = []


def export_section(name):
    """Decorator: `fn(user)` gives the section `name` of a person's data export."""

    def register(function):
        EXPORT_SECTIONS[name] = function
        return function

    return register


def erasure_step(function):
    """Decorator: `fn(user, *, name, placeholder, email)` erases an app's part of a person's
    data (`name` and `email` are the person's before erasure; `name` is replaced by
    `placeholder`)."""
    if function not in ERASURE_STEPS:
        ERASURE_STEPS.append(function)
    return function


def address_export_section(name):
    """Decorator: `fn(email)` gives the section `name` of the export of a person known by an
    address only (a participant, a contact person)."""

    def register(function):
        ADDRESS_EXPORT_SECTIONS[name] = function
        return function

    return register


def address_erasure_step(function):
    """Decorator: `fn(email, *, event_ids)` erases what an app holds under the address `email`
    (only about the events `event_ids` when it is not None)."""
    if function not in ADDRESS_ERASURE_STEPS:
        ADDRESS_ERASURE_STEPS.append(function)
    return function


def exported_sections(user):
    return {name: function(user) for name, function in EXPORT_SECTIONS.items()}


def run_erasure_steps(user, *, name, placeholder, email=""):
    for function in ERASURE_STEPS:
        function(user, name=name, placeholder=placeholder, email=email)


def exported_address_sections(email):
    return {name: function(email) for name, function in ADDRESS_EXPORT_SECTIONS.items()}


def run_address_erasure_steps(email, *, event_ids=None):
    for function in ADDRESS_ERASURE_STEPS:
        function(email, event_ids=event_ids)


def replace_name_in_audit(model, pks, *, name, placeholder):
    """In the audit rows about the `model` rows `pks`, `name` becomes `placeholder` (in the
    notes and the object's description)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Value
    from django.db.models.functions import Replace

    from .models import ActivityLog

    if not name or not pks:
        return
    rows = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )
    rows.filter(note__contains=name).update(note=Replace("note", Value(name), Value(placeholder)))
    rows.filter(object_repr__contains=name).update(
        object_repr=Replace("object_repr", Value(name), Value(placeholder))
    )
