from sedp.accounts.scoping import scope_for


def current_memberships(request):
    """The header shows the user's agencies and units; computed once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {"scope": scope, "memberships": scope.memberships}
