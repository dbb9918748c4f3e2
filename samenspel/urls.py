from django.urls import include, path

from samenspel.site import health
from samenspel.site import views as site_views
from samenspel.site.api import api

urlpatterns = [
    path("", site_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("samenspel.members.urls")),
    path("circles/", include("samenspel.circles.urls")),
    path("meetings/", include("samenspel.meetings.urls")),
    path("consultations/", include("samenspel.consultations.urls")),
    path("", include("samenspel.tandems.urls")),  # /tandems/… and /organisations/<slug>/data/…
    path("monitor/", include("samenspel.monitor.urls")),
    path("organisations/", include("samenspel.organisations.urls")),
    path("notifications/", include("samenspel.notifications.urls")),
    path("newsletter/", include("samenspel.newsletter.urls")),
    path("opportunities/", include("samenspel.opportunities.urls")),
    path("coordination/", include("samenspel.site.urls")),
    path("api/docs", site_views.api_reference, name="api_reference"),
    path("api/", api.urls),
    path("health/", health.health, name="health"),  # for the load balancer (docs/production.md, 8)
]

handler404 = "samenspel.site.views.page_not_found"
handler403 = "samenspel.site.views.permission_denied"
handler500 = "samenspel.site.views.server_error"
