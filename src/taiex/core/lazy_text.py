"""A text with named placeholders made in the language active when it is read, not when it is
built: a subject built before core.mail renders it in each recipient's language, or a message
kept for a page. `lazy_format(gettext_lazy("%(name)s was approved."), name=...)`; with
ngettext_lazy("...", "...", "count") the plural form follows `count` among the values."""

from django.utils.functional import lazy


def _format(template, params):
    return str(template % params)


_lazy_format = lazy(_format, str)


def lazy_format(template, **params):
    return _lazy_format(template, params)
