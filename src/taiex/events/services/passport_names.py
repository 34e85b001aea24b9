"""The name as written in the travel document (passport or identity card) of the people the
logistics contractor books travel for: an expert (through their account) or a travelling
participant (through their personal link). Entered by the person themself, checked, logged on
the person (the audit row never holds the name itself)."""

import unicodedata

from django.db import transaction
from django.utils.translation import gettext

from taiex.core.audit import log_action
from taiex.experts.models import Expert

from ..models import Participant
from .errors import EventError

MAX_LENGTH = 200
# Besides letters (of any script, with their accents): what names in travel documents hold.
PUNCTUATION = set(" -'\u2019.")


def clean_passport_name(value: str) -> str:
    """The name with its spaces collapsed; EventError (field "passport_name") when it is empty,
    too long or holds anything but letters, spaces, hyphens, apostrophes and full stops."""
    name = " ".join((value or "").split())
    if not name:
        raise EventError(gettext("Write your name as in your passport."), field="passport_name")
    if len(name) > MAX_LENGTH:
        raise EventError(
            gettext("The name can have at most %(count)s characters.") % {"count": MAX_LENGTH},
            field="passport_name",
        )
    if not any(character.isalpha() for character in name) or any(
        not (character in PUNCTUATION or unicodedata.category(character).startswith(("L", "M")))
        for character in name
    ):
        raise EventError(
            gettext(
                "Write the name as in the passport: letters, spaces, hyphens, apostrophes and "
                "full stops only."
            ),
            field="passport_name",
        )
    return name


def save_passport_name(person, value: str, *, actor):
    """Store the passport name of `person` (an Expert or a Participant); `actor` is the expert's
    user, or None for a participant using their link. Logged on the person, without the name."""
    name = clean_passport_name(value)
    if not isinstance(person, (Expert, Participant)):
        raise EventError(gettext("Only experts and participants give a passport name."))
    with transaction.atomic():
        model = type(person)
        locked = model.objects.select_for_update().get(pk=person.pk)
        if locked.passport_name == name:
            return locked
        action = "change_passport_name" if locked.passport_name else "give_passport_name"
        model.objects.filter(pk=person.pk).update(passport_name=name)
        locked.passport_name = name
        log_action(
            locked,
            actor=actor,
            action=action,
            note="Name as in the passport given for travel bookings.",
        )
    person.passport_name = name
    return locked
