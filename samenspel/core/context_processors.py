from django.conf import settings


def site(request):
    return {
        "network_name": settings.NETWORK_NAME,
        "network_short_name": settings.NETWORK_SHORT_NAME,
    }


def nav_version(request):
    """`nav_version`: the version of the member's menu (`member:<id>`), read only when a template
    uses it (the members' menu is cached under it). It was read already with the member
    (members.auth_cache), so it costs no query."""
    from django.utils.functional import SimpleLazyObject

    from .cache_version import versions

    def read():
        key = f"member:{request.user.pk}"
        return versions(request, key)[key]

    return {"nav_version": SimpleLazyObject(read)}
