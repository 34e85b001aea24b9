"""A fee statement's payee and lines in the reader's language: `{% payee statement as name %}`
(the payee as `events/fees/_payee.html` shows it, to place in a translated sentence) and
`{{ line|line_label }}` (`services.line_texts`)."""

from django import template
from django.utils.translation import gettext, gettext_noop

from taiex.core.templatetags.activity import action_label

from ..services.line_texts import label_of

register = template.Library()

# The labels of the moves shown in the histories of a statement and of a traveller: the English
# of `core.templatetags.activity.action_label` (its table, or the action's name made readable),
# translated when shown (`money_action_label`).
MONEY_ACTION_LABELS = [
    gettext_noop("Fee statement approved"),
    gettext_noop("Send statement for payment"),
    gettext_noop("Mark statement paid"),
    gettext_noop("Reject fee statement"),
    gettext_noop("Reopen fee statement"),
    gettext_noop("Save bank details"),
    gettext_noop("Send bank details link"),
    gettext_noop("Upload receipt"),
    gettext_noop("Approve receipt"),
    gettext_noop("Refuse receipt"),
    gettext_noop("Send traveller link"),
    gettext_noop("Mark travelling"),
    gettext_noop("Mark not travelling"),
    gettext_noop("Travel by rule"),
    gettext_noop("Participant registered"),
    gettext_noop("Travel recorded"),
    gettext_noop("Give passport name"),
    gettext_noop("Change passport name"),
]


@register.simple_tag(takes_context=True)
def payee(context, statement):
    with context.push(statement=statement):
        return context.template.engine.get_template("events/fees/_payee.html").render(context)


@register.filter
def line_label(line):
    return label_of(line)


@register.filter
def money_action_label(action):
    """An audit entry's action as `action_label` says it, in the reader's language."""
    return gettext(action_label(action))
