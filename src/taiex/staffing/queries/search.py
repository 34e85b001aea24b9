"""The staff search of experts for staffing: the expert database's search, less the experts
already taken by an event in the period asked for."""

from django.db.models import Exists, OuterRef

from taiex.events.models import EventExpert
from taiex.experts.queries import search as expert_search

SORTS = expert_search.SORTS


def experts_matching(**filters):
    """`experts.queries.search.experts_matching(**filters)`; with `available_from` or
    `available_to`, also without the experts on an event whose dates overlap the period."""
    experts = expert_search.experts_matching(**filters)
    start = filters.get("available_from") or filters.get("available_to")
    end = filters.get("available_to") or filters.get("available_from")
    if start is None:
        return experts
    return experts.exclude(
        Exists(
            EventExpert.objects.filter(
                expert=OuterRef("pk"),
                left_at__isnull=True,
                event__start_date__lte=end,
                event__end_date__gte=start,
            )
        )
    )
