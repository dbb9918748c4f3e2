"""The organisation representative's role on the home page (registered with samenspel.core.home)."""

from .models import Organisation


def represented(user) -> list[Organisation]:
    """The role's scope: the neighbourhood-team organisations `user` represents (empty: no such role).

    Only real representation counts: coordinators manage every organisation's data, but their own
    home section says what waits for them. One query.
    """
    return list(user.represented_organisations.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS).order_by("name"))
