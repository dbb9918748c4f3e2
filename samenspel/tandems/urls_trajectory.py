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
    path("modules/<id:pk>/edit/", views.module_edit, name="module_edit"),
    path("modules/<id:pk>/move/", views.module_move, name="module_move"),
    path("modules/<id:pk>/delete/", views.module_delete, name="module_delete"),
    path("modules/<id:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<id:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<id:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("enrolments/<id:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<id:pk>/withdraw/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/reflection/", views.reflection_edit, name="reflection_edit"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/done/", views.module_done, name="module_done"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/undo/", views.module_undo, name="module_undo"),
    path("enrolments/<id:pk>/certificate.pdf", views.certificate, name="certificate"),
]
