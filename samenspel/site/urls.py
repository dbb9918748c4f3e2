from django.urls import path

from . import coordination_views

app_name = "coordination"
urlpatterns = [
    path("", coordination_views.index, name="index"),
    path("audit/", coordination_views.audit, name="audit"),
]
