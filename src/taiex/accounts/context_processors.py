from .roles import roles_of


def roles(request):
    """`user_roles` in every template."""
    return {"user_roles": roles_of(getattr(request, "user", None))}
