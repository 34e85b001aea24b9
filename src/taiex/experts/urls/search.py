"""URLs of the search part of the expert database."""

urlpatterns: list = []
