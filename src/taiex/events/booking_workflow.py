"""The state table of a logistics booking and its one transition().

requested -> booked (the supplier confirmed, with its reference) -> cancelled; a requested
booking may be cancelled too. A cancelled booking stays, for the record; a new one replaces it.
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import BookingState as S
from .models import Booking

MOVES = {
    (S.REQUESTED, S.BOOKED): "confirm_booking",
    (S.REQUESTED, S.CANCELLED): "cancel_booking",
    (S.BOOKED, S.CANCELLED): "cancel_booking",
}

booking_workflow = Workflow(model=Booking, moves=MOVES, labels=dict(S.choices))


def transition(booking, to_state, *, actor, note="", changes=None, data=None):
    return booking_workflow.transition(
        booking, to_state, actor=actor, note=note, changes=changes, data=data
    )


__all__ = ["MOVES", "TransitionNotAllowed", "booking_workflow", "transition"]
