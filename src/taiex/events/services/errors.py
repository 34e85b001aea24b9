"""The domain error of events' writes."""


class EventError(Exception):
    """A change to an event that cannot be made, with a message a person can act on; `field`
    names the form field it is about (None when it is about the whole form)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class EventChangedMeanwhile(EventError):
    """Someone else saved the event after the form was opened; nothing was saved."""
