"""URL patterns for the trajectory part of tandems (see urls.py): the Tandem Ontwikkel Traject."""

from django.urls import path

from . import views_trajectory as views

urlpatterns: list = [
    path("trajectories/", views.trajectory_list, name="trajectory_list"),
    path("trajectories/new/", views.trajectory_create, name="trajectory_create"),
    path("trajectories/<slug:slug>/", views.trajectory_detail, name="trajectory_detail"),
    path("trajectories/<slug:slug>/edit/", views.trajectory_edit, name="trajectory_edit"),
    path("trajectories/<slug:slug>/enrol/", views.enrol, name="trajectory_enrol"),
    path("trajectories/<slug:slug>/modules/new/", views.module_create, name="module_create"),
    path("modules/<int:pk>/edit/", views.module_edit, name="module_edit"),
    path("modules/<int:pk>/move/", views.module_move, name="module_move"),
    path("modules/<int:pk>/delete/", views.module_delete, name="module_delete"),
    path("modules/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/withdraw/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<int:pk>/modules/<int:module_pk>/reflection/", views.reflection_edit, name="reflection_edit"),
    path("enrolments/<int:pk>/modules/<int:module_pk>/done/", views.module_done, name="module_done"),
    path("enrolments/<int:pk>/modules/<int:module_pk>/undo/", views.module_undo, name="module_undo"),
    path("enrolments/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
]
