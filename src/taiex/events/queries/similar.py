"""Events similar to a request (same institution, or same country and chapter), ranked by how
well they match the request's title: the evidence for the "no overlap" criterion."""

from django.db.models import Q

from taiex.events import search

from ..models import Event

SIMILAR_LIMIT = 20


def any_word_of(text):
    """A search query of the words of `text` with its phrases and exclusions dropped: the search
    ranks events by how many of the words they share (any word may match), so those sharing
    most come first."""
    parsed = search.parse_query(text)
    return search.SearchQuery(terms=parsed.terms + parsed.phrases, text=parsed.text)


def events_similar_to(application):
    """Events of the same lead institution, or of the same beneficiary in one of the request's
    chapters (not the request's own event): those sharing words of its title first (by search
    rank), then the others, newest first."""
    chapter_ids = list(application.chapters.values_list("pk", flat=True))
    candidates = (
        Event.objects.filter(
            Q(application__lead_institution=application.lead_institution_id)
            | Q(beneficiary=application.country_id, chapters__in=chapter_ids)
        )
        .exclude(application=application.pk)
        .order_by("-start_date", "-pk")
    )
    ids = list(dict.fromkeys(candidates.values_list("pk", flat=True)))
    query = any_word_of(application.title)
    ranked = search.ranked_ids_among(ids, query) if query and ids else []
    order = [*ranked, *(pk for pk in ids if pk not in set(ranked))][:SIMILAR_LIMIT]
    events = Event.objects.in_bulk(order)
    rows = [events[pk] for pk in order]
    for event in rows:
        event.matches_title = event.pk in ranked
    return rows
