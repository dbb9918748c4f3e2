from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/teams/new/", views.team_create, name="team_create"),
    path("<slug:slug>/teams/<id:pk>/edit/", views.team_edit, name="team_edit"),
    path("<slug:slug>/teams/<id:pk>/delete/", views.team_delete, name="team_delete"),
]
