"""The workflow helper every stateful model uses: a table of moves and one transition()."""

from dataclasses import dataclass, field

from django.db import transaction

from .audit import log_action

# Every workflow's state labels by model ("applications.application"), so the shared audit
# timeline can name any state of any model.
STATE_LABELS: dict[str, dict[str, str]] = {}


class TransitionNotAllowed(Exception):
    """A move that the state table does not have, or whose preconditions are not met."""


@dataclass(frozen=True)
class Workflow:
    """The allowed moves of one model's state field: {(from_state, to_state): action name}."""

    model: type
    moves: dict[tuple[str, str], str]
    state_field: str = "state"
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        STATE_LABELS[self.model._meta.label_lower] = dict(self.labels)

    def allowed_targets(self, from_state):
        return [to for (source, to) in self.moves if source == from_state]

    def can_move(self, from_state, to_state):
        return (from_state, to_state) in self.moves

    def transition(self, obj, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
        """Move `obj` to `to_state`, the only place that assigns the state field.

        Steps: lock the row (select_for_update) and re-read its state; refuse a move not in the
        table with TransitionNotAllowed; set the state and the `changes` (other fields that move
        with it); save with update_fields; write the audit log (who, from, to, note); register
        `on_commit` (notifications, tasks) to run after the transaction commits. Returns the
        locked, updated instance and also updates `obj` in place.
        """
        with transaction.atomic():
            locked = type(obj).objects.select_for_update().get(pk=obj.pk)
            from_state = getattr(locked, self.state_field)
            action = self.moves.get((from_state, to_state))
            if action is None:
                raise TransitionNotAllowed(
                    f"{locked} is in the state “{self.label(from_state)}”; it cannot move "
                    f"to “{self.label(to_state)}”."
                )
            setattr(locked, self.state_field, to_state)
            changes = changes or {}
            for name, value in changes.items():
                setattr(locked, name, value)
            update_fields = [self.state_field, *changes]
            if hasattr(locked, "updated_at"):
                update_fields.append("updated_at")
            locked.save(update_fields=update_fields)
            log_action(
                locked,
                actor=actor,
                action=action,
                from_state=from_state,
                to_state=to_state,
                note=note,
                data=data,
            )
            if on_commit is not None:
                transaction.on_commit(on_commit)
        for name in [self.state_field, *changes]:
            setattr(obj, name, getattr(locked, name))
        if hasattr(locked, "updated_at"):
            obj.updated_at = locked.updated_at
        return locked

    def label(self, state):
        return self.labels.get(state, state)
