"""URL patterns for the registration part of meetings (see urls.py)."""

from django.urls import path

from . import views_registration as views

urlpatterns = [
    path("<id:pk>/register/", views.register, name="register"),
    path("<id:pk>/register/visitor/", views.register_visitor, name="register_visitor"),
    path("<id:pk>/cancel-registration/", views.cancel, name="cancel_registration"),
    path("<id:pk>/participants/", views.participants, name="participants"),
    path("<id:pk>/participants/capacity/", views.change_capacity, name="change_capacity"),
    path("<id:pk>/participants/role-limits/", views.change_role_limits, name="change_role_limits"),
    path("registration/<str:token>/confirm/", views.confirm, name="registration_confirm"),
    path("registration/<str:token>/cancel/", views.cancel_by_link, name="registration_cancel_link"),
]
