"""What the index can read from events_event at the time of a migration."""


def has_original_texts():
    """Whether events_event has the keywords and original-language columns yet: migrations
    before events 0006 install the index without them."""
    from django.db import connection

    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "events_event")
    return "original_title" in {column.name for column in table}
