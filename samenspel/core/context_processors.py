from django.conf import settings


def site(request):
    return {
        "network_name": settings.NETWORK_NAME,
        "network_short_name": settings.NETWORK_SHORT_NAME,
    }
