from django import template
from django.contrib.messages import ERROR

from taiex.core.error_summary import error_items

register = template.Library()


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms, lead=""):
    """`{% error_summary form formset %}`: the one error summary of a form page, at the top of
    its content. `lead` is a sentence under the heading ("Nothing was imported.")."""
    return {"errors": error_items(*forms), "lead": lead}


@register.filter
def error_messages(messages):
    """The error messages (django.contrib.messages) of the page, shown first and announced."""
    return [m for m in messages if m.level >= ERROR]


@register.filter
def other_messages(messages):
    return [m for m in messages if m.level < ERROR]
