"""The signed personal links of a participant, who has no account: a token names the
registration and the address it was made for, signed with a salt per purpose (travel costs, the
participant's own page), so a link of one purpose opens nothing else, and a registration whose
address changed (an erased one) loses every link it had. Each purpose adds its own checks on
top (who travels, how long the link lives)."""

from django.core import signing
from django.urls import reverse

from ..models import Participant

REGISTRATION_LINK_SALT = "taiex.events.registration-link"


def participant_token(participant, *, salt) -> str:
    """The signed token of `participant`'s personal link for the purpose `salt`."""
    return signing.Signer(salt=salt).sign_object(
        {"participant": participant.pk, "email": participant.email}
    )


def participant_of_token(token, *, salt, queryset=None):
    """The registration a token of the purpose `salt` names, or None when the token is altered,
    of another purpose, or its registration is gone or no longer has that address."""
    queryset = Participant.objects.select_related("event") if queryset is None else queryset
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
        return queryset.filter(pk=int(payload["participant"]), email=payload["email"]).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def registration_token(participant) -> str:
    """The token of the participant's own page (their registration, documents, evaluation)."""
    return participant_token(participant, salt=REGISTRATION_LINK_SALT)


def registration_path(participant) -> str:
    """The path of the participant's own page (the e-mails add the site's address); the page
    lives in the portal, reached here by its URL name only."""
    return reverse("portal:own_registration", args=[registration_token(participant)])
