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
        if isinstance(item, dict):  # {name: bound form}, as pages keep their refused forms
            result.extend(error_items(*item.values()))
            continue
        if isinstance(item, list | tuple):  # forms, or messages that belong to no field
            for part in item:
                if isinstance(part, str):
                    result.append(ErrorItem(part))
                else:
                    result.extend(error_items(part))
            continue
        if isinstance(item, forms.BaseFormSet):
            if item.is_bound:
                result.extend(ErrorItem(str(e)) for e in item.non_form_errors())
            for form in item.forms:
                result.extend(error_items(form))
            continue
        # A page of several records names the record of each error (form.error_prefix).
        prefix = f"{item.error_prefix}: " if getattr(item, "error_prefix", "") else ""
        result.extend(ErrorItem(f"{prefix}{e}") for e in item.non_field_errors())
        for name in item.errors:
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bound = item[name] if name in item.fields else None
            if bound is not None and bound.is_hidden:
                # A hidden field has nothing to focus: its error reads as the form's.
                result.extend(ErrorItem(f"{prefix}{bound.label}: {e}") for e in item.errors[name])
                continue
            href = _field_href(bound) if bound is not None else ""
            result.extend(ErrorItem(f"{prefix}{e}", href) for e in item.errors[name])
    return _in_page_order(result, items)


def _in_page_order(result, items):
    """Keep non-field errors first, then field errors in the order the fields are declared."""
    order = {}
    for form in _forms_in(items):
        for name in form.fields:
            order.setdefault(f"#{form[name].auto_id}", len(order))
    return sorted(result, key=lambda e: (bool(e.href), order.get(e.href, len(order))))


def _forms_in(items):
    for item in items:
        if isinstance(item, dict):
            yield from _forms_in(item.values())
        elif isinstance(item, list | tuple):
            yield from _forms_in(item)
        elif isinstance(item, forms.BaseFormSet):
            yield from item.forms
        elif isinstance(item, forms.BaseForm):
            yield item
