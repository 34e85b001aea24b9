"""{{ amount|money }}: an amount in euros in the reader's locale, with two decimals and grouped
thousands: 1,234.50 EUR in English, 1 234,50 EUR in French (a no-break space between the
thousands and before the currency, so that an amount never breaks across two lines)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(value, currency="EUR"):
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return f"{number_format(amount, decimal_pos=2, force_grouping=True)}\u00a0{currency}"
