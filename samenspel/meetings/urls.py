"""Meetings URLs, one block per part (the views of each part are in views/<part>.py).

planning: list, detail, create/edit, series, status changes
registration: register, confirm, cancel, waitlist, role mix
afterwards: breakout groups, attendance, report, attachments
calendars: .ics downloads and subscribable feeds
mine: the member's own meetings
feeds: Atom feeds of public meetings and published reports (feeds.py)
"""

from django.urls import path

from . import feeds
from .views import afterwards, calendars, mine, planning, registration

app_name = "meetings"
urlpatterns = [
    # planning
    path("", planning.meeting_list, name="list"),
    path("archive/", afterwards.archive, name="archive"),
    path("archive/<id:year>/", afterwards.archive_year, name="archive_year"),
    path("new/", planning.meeting_create, name="create"),
    path("series/new/", planning.series_create, name="series_create"),
    path("<id:pk>/", planning.meeting_detail, name="detail"),
    path("<id:pk>/edit/", planning.meeting_edit, name="edit"),
    path("<id:pk>/publish/", planning.meeting_publish, name="publish"),
    path("<id:pk>/cancel/", planning.meeting_cancel, name="cancel"),
    path("<id:pk>/held/", planning.meeting_mark_held, name="mark_held"),
    # registration
    path("<id:pk>/register/", registration.register, name="register"),
    path("<id:pk>/register/visitor/", registration.register_visitor, name="register_visitor"),
    path("<id:pk>/cancel-registration/", registration.cancel, name="cancel_registration"),
    path("<id:pk>/participants/", registration.participants, name="participants"),
    path("<id:pk>/participants/capacity/", registration.change_capacity, name="change_capacity"),
    path("<id:pk>/participants/role-limits/", registration.change_role_limits, name="change_role_limits"),
    path("registration/<str:token>/confirm/", registration.confirm, name="registration_confirm"),
    path("registration/<str:token>/cancel/", registration.cancel_by_link, name="registration_cancel_link"),
    # afterwards
    path("<id:pk>/groups/", afterwards.groups, name="groups"),
    path("<id:pk>/groups/assign/", afterwards.group_assign, name="group_assign"),
    path("<id:pk>/groups/assign/automatic/", afterwards.group_auto_assign, name="group_auto_assign"),
    path("<id:pk>/groups/<id:group_pk>/edit/", afterwards.group_edit, name="group_edit"),
    path("<id:pk>/groups/<id:group_pk>/delete/", afterwards.group_delete, name="group_delete"),
    path("<id:pk>/groups/<id:group_pk>/outcomes/", afterwards.group_outcomes, name="group_outcomes"),
    path("<id:pk>/check-in/", afterwards.checkin, name="checkin"),
    path("<id:pk>/report/", afterwards.report, name="report"),
    path("<id:pk>/report/edit/", afterwards.report_edit, name="report_edit"),
    path("<id:pk>/report/publish/", afterwards.report_publish, name="report_publish"),
    path("<id:pk>/report/unpublish/", afterwards.report_unpublish, name="report_unpublish"),
    path("<id:pk>/report/attachments/", afterwards.attachment_add, name="attachment_add"),
    path(
        "<id:pk>/report/attachments/<id:attachment_pk>/delete/", afterwards.attachment_delete, name="attachment_delete"
    ),
    path("attachments/<id:pk>/", afterwards.attachment, name="attachment"),
    path("attendance/circle/<slug:slug>/", afterwards.circle_attendance, name="circle_attendance"),
    # calendars
    path("<id:pk>/calendar.ics", calendars.meeting_ics_download, name="ics"),
    path("calendar/public.ics", calendars.feed_public, name="feed_public"),
    path("calendar/circle/<slug:slug>.ics", calendars.feed_circle, name="feed_circle"),
    path("calendar/personal/<str:token>.ics", calendars.feed_personal, name="feed_personal"),
    path("calendar/mine/", calendars.my_calendar, name="my_calendar"),
    # mine
    path("mine/", mine.my_meetings, name="mine"),
    # feeds
    path("feed.atom", feeds.PublicMeetingsFeed(), name="atom"),
    path("reports.atom", feeds.PublishedReportsFeed(), name="reports_atom"),
]
