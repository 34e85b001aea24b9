"""The texts of a questionnaire in the reader's language. Questions, titles, introductions and
choices are data (staff edit them); the default questionnaires' texts are in the catalogue
(defaults.py marks them), so a text still as the code defines it reads translated and a text
that staff wrote reads as written."""

from django.utils.translation import gettext


def shown(text):
    """`text` through the catalogue: its translation when it is a default text, else itself."""
    return gettext(text) if text else text
