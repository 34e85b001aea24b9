"""{{ country|translated }}: the name of reference data (a country, its official footnote) in
the active language as plain text, for documents where {% country %}'s markup has no place."""

from django import template

from taiex.reference.translation import translated as translated_field

register = template.Library()


@register.filter
def translated(obj, field="name"):
    if obj is None or obj == "":
        return ""
    return translated_field(obj, field)
