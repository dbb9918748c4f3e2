"""Meetings URLs, gathered from one module per part so each part can grow on its own.

planning: list, detail, create/edit, series, status changes
registration: register, confirm, cancel, waitlist, role mix
afterwards: breakout groups, attendance, report, attachments
calendars: .ics downloads and subscribable feeds
"""

from . import urls_afterwards, urls_calendars, urls_planning, urls_registration

app_name = "meetings"
urlpatterns = [
    *urls_planning.urlpatterns,
    *urls_registration.urlpatterns,
    *urls_afterwards.urlpatterns,
    *urls_calendars.urlpatterns,
]
