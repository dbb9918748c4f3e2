from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("<id:pk>/read/", views.mark_read, name="mark_read"),
    path("settings/", views.settings, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
