"""URL patterns for the afterwards part of meetings (see urls.py)."""

from django.urls import path

from . import views_afterwards as views

urlpatterns = [
    path("<int:pk>/groups/", views.groups, name="groups"),
    path("<int:pk>/groups/assign/", views.group_assign, name="group_assign"),
    path("<int:pk>/groups/assign/automatic/", views.group_auto_assign, name="group_auto_assign"),
    path("<int:pk>/groups/<int:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("<int:pk>/groups/<int:group_pk>/delete/", views.group_delete, name="group_delete"),
    path("<int:pk>/groups/<int:group_pk>/outcomes/", views.group_outcomes, name="group_outcomes"),
    path("<int:pk>/check-in/", views.checkin, name="checkin"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/report/publish/", views.report_publish, name="report_publish"),
    path("<int:pk>/report/unpublish/", views.report_unpublish, name="report_unpublish"),
    path("<int:pk>/report/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/report/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("attendance/circle/<slug:slug>/", views.circle_attendance, name="circle_attendance"),
]
