"""The filters of the public catalogue of events."""

from taiex.events.forms import EventFilterForm


class PublicEventFilterForm(EventFilterForm):
    """Beneficiary, type, year and a text search; the same fields as the staff list's."""
