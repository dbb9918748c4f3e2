"""URL patterns for the afterwards part of meetings (see urls.py)."""

from django.urls import path

from . import views_afterwards as views

urlpatterns = [
    path("<id:pk>/groups/", views.groups, name="groups"),
    path("<id:pk>/groups/assign/", views.group_assign, name="group_assign"),
    path("<id:pk>/groups/assign/automatic/", views.group_auto_assign, name="group_auto_assign"),
    path("<id:pk>/groups/<id:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("<id:pk>/groups/<id:group_pk>/delete/", views.group_delete, name="group_delete"),
    path("<id:pk>/groups/<id:group_pk>/outcomes/", views.group_outcomes, name="group_outcomes"),
    path("<id:pk>/check-in/", views.checkin, name="checkin"),
    path("<id:pk>/report/", views.report, name="report"),
    path("<id:pk>/report/edit/", views.report_edit, name="report_edit"),
    path("<id:pk>/report/publish/", views.report_publish, name="report_publish"),
    path("<id:pk>/report/unpublish/", views.report_unpublish, name="report_unpublish"),
    path("<id:pk>/report/attachments/", views.attachment_add, name="attachment_add"),
    path("<id:pk>/report/attachments/<id:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("attachments/<id:pk>/", views.attachment, name="attachment"),
    path("attendance/circle/<slug:slug>/", views.circle_attendance, name="circle_attendance"),
]
