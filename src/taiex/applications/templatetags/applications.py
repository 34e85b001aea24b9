"""Labels of the assessment criteria in request pages."""

from django import template

from ..enums import Criterion

register = template.Library()


@register.filter
def criterion_label(value):
    return Criterion(value).label if value in Criterion.values else value
