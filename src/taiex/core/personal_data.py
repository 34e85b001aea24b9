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
# app. `export(user)` returns JSON-ready data; `erase(user, name=..., placeholder=...)` removes it.
EXPORT_SECTIONS: dict[str, object] = {}
ERASURE_STEPS: list = []


def export_section(name):
    """Decorator: `fn(user)` gives the section `name` of a person's data export."""

    def register(function):
        EXPORT_SECTIONS[name] = function
        return function

    return register


def erasure_step(function):
    """Decorator: `fn(user, *, name, placeholder)` erases an app's part of a person's data
    (`name` is the person's name before erasure, to be replaced by `placeholder`)."""
    if function not in ERASURE_STEPS:
        ERASURE_STEPS.append(function)
    return function


def exported_sections(user):
    return {name: function(user) for name, function in EXPORT_SECTIONS.items()}


def run_erasure_steps(user, *, name, placeholder):
    for function in ERASURE_STEPS:
        function(user, name=name, placeholder=placeholder)


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
