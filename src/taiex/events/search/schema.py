"""What the index can read from events_event at the time of a migration."""


def event_columns():
    from django.db import connection

    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "events_event")
    return {column.name for column in table}


def has_original_texts():
    """Whether events_event has the keywords and original-language columns yet: migrations
    before events 0006 install the index without them."""
    return "original_title" in event_columns()


def has_original_stems():
    """Whether events_event has the stems of the original summaries yet (events 0019)."""
    return "original_stems" in event_columns()
