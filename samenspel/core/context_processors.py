from django.conf import settings


def site(request):
    return {
        "network_name": settings.NETWORK_NAME,
        "network_short_name": settings.NETWORK_SHORT_NAME,
    }


def content_version(request):
    """`nav_content_version`: the content version, read only when a template uses it (the members'
    menu is cached under it). For logged-in members it was read already (the members' auth cache)."""
    from django.utils.functional import SimpleLazyObject

    from .cache_version import content_version as read

    return {"nav_content_version": SimpleLazyObject(lambda: read(request))}
