"""URLs of the invitations part of the expert database."""

urlpatterns: list = []
