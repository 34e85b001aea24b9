"""`manage.py compile_translations`: the catalogues compiled, with or without GNU gettext
(taiex.core.catalogues); `make install`, `bin/run` and the Dockerfile call it."""

from django.core.management.base import BaseCommand

from taiex.core.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile the translation catalogues (msgfmt when installed, else pure Python)."

    def handle(self, *args, **options):
        for mo in compile_catalogues():
            self.stdout.write(f"compiled {mo}")
