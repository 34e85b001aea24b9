"""Errors of evaluations, each with a message a person can act on."""


class EvaluationError(Exception):
    """Something about evaluations that cannot be done; `field` names the form field at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class EvaluationLinkError(EvaluationError):
    """A personal link that cannot be used: tampered, already used, closed or expired."""
