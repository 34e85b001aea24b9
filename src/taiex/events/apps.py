from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite has no translate() and too shallow a parser for eighty nested replace() calls:
    the search triggers transliterate original-language texts (Cyrillic to Latin) with this
    function, registered on every connection the application opens. A tool that writes
    events_event through another connection (the sqlite3 shell) must not touch those columns
    or it gets "no such function"."""
    if connection.vendor == "sqlite":
        from .search.text import fold

        connection.connection.create_function(
            "taiex_fold_original", 1, lambda text: None if text is None else fold(text),
            deterministic=True,
        )  # fmt: skip


class EventsConfig(AppConfig):
    name = "taiex.events"
    verbose_name = "Events"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers the erasure steps and exports)

        connection_created.connect(register_sqlite_functions, dispatch_uid="taiex_sqlite_fold")
