"""The errors of one or several forms as one GOV.UK-style error summary.

Every form page renders `{% error_summary form other_form %}` at the top of its content: a
heading "There is a problem" and one item per error, in the order of the fields on the page,
each linking to its field (`#id_<field>`); non-field errors are not linked. Formsets count as
their forms plus their own non-form errors.
"""

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class ErrorItem:
    message: str
    href: str = ""  # "#id_title"; empty for an error that belongs to no single field


def _field_href(bound_field):
    return f"#{bound_field.auto_id}" if bound_field.auto_id else ""


def error_items(*items):
    """ErrorItems of the given forms and formsets (None ignored), non-field errors first."""
    result = []
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, forms.BaseFormSet):
            if item.is_bound:
                result.extend(ErrorItem(str(e)) for e in item.non_form_errors())
            for form in item.forms:
                result.extend(error_items(form))
            continue
        result.extend(ErrorItem(str(e)) for e in item.non_field_errors())
        for name in item.errors:
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bound = item[name] if name in item.fields else None
            if bound is not None and bound.is_hidden:
                # A hidden field has nothing to focus: its error reads as the form's.
                result.extend(ErrorItem(f"{bound.label}: {e}") for e in item.errors[name])
                continue
            href = _field_href(bound) if bound is not None else ""
            result.extend(ErrorItem(str(e), href) for e in item.errors[name])
    return _in_page_order(result, items)


def _in_page_order(result, items):
    """Keep non-field errors first, then field errors in the order the fields are declared."""
    order = {}
    for item in items:
        forms_here = item.forms if isinstance(item, forms.BaseFormSet) else [item]
        for form in forms_here:
            if not isinstance(form, forms.BaseForm):
                continue
            for name in form.fields:
                order.setdefault(f"#{form[name].auto_id}", len(order))
    return sorted(result, key=lambda e: (bool(e.href), order.get(e.href, len(order))))
