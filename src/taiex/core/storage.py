"""Where private files live: outside the web root, served only through permission-checked views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.TAIEX_PRIVATE_DIR, base_url=None)
