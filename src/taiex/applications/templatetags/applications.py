"""Labels of the assessment criteria in request pages."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..enums import Criterion

register = template.Library()


@register.filter
def criterion_label(value):
    return Criterion(value).label if value in Criterion.values else value


@register.filter
def check_message(check):
    """An eligibility check's sentence in the reader's language: kept in every offered language
    at submission (eligibility.Check.as_dict); a check kept before that has its English one."""
    messages = check.get("messages") or {}
    return messages.get(get_language()) or check["message"]


@register.filter
def change_label(change):
    """The label of a changed field of a resubmission (kept in English) in the reader's
    language: the request form's label of the field."""
    from ..forms import ApplicationForm

    field = ApplicationForm.base_fields.get(change.get("field", ""))
    if field is not None and field.label:
        return field.label
    if change.get("field") == "contacts":
        return _("Contact persons")
    return change.get("label", "")
