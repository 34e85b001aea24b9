"""{{ text|evaluation_text }}: a questionnaire's text (data) in the reader's language."""

from django import template

from ..texts import shown

register = template.Library()


@register.filter
def evaluation_text(text):
    return shown(text)
