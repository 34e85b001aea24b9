"""URLs of the profiles part of the expert database."""

urlpatterns: list = []
