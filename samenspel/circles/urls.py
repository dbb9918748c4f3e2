from django.urls import path

from . import feeds, views

app_name = "circles"
urlpatterns = [
    path("", views.circle_list, name="list"),
    path("new/", views.circle_create, name="create"),
    path("overview/", views.overview, name="overview"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", views.circle_detail, name="detail"),
    path("<slug:slug>/edit/", views.circle_edit, name="edit"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/sign-up/", views.sign_up_for_circle, name="sign_up"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/requests/", views.requests, name="requests"),
    path("<slug:slug>/requests/<id:pk>/decide/", views.request_decide, name="request_decide"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/leads/", views.leads, name="leads"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/messages/", views.circle_messages, name="messages"),
    path("<slug:slug>/messages/new/", views.message_create, name="message_create"),
    path("<slug:slug>/updates/", views.circle_updates, name="updates"),
    path("<slug:slug>/updates.atom", feeds.CircleUpdatesFeed(), name="updates_atom"),
    path("<slug:slug>/updates/new/", views.update_create, name="update_create"),
    path("<slug:slug>/updates/<id:pk>/edit/", views.update_edit, name="update_edit"),
    path("<slug:slug>/updates/<id:pk>/delete/", views.update_delete, name="update_delete"),
]
