"""URL patterns for the dashboard part of the monitor: public pages, open data, detail (see urls.py)."""

from django.urls import path

from . import views_dashboard as views

urlpatterns: list = [
    path("", views.dashboard_page, name="dashboard"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/<id:year>-q<id:quarter>.csv", views.export_csv, name="export_csv"),
    path("open-data/<id:year>-q<id:quarter>.xlsx", views.export_xlsx, name="export_xlsx"),
    path("detail/", views.detail_list, name="detail_list"),
    path("detail/<slug:slug>/", views.detail, name="detail"),
]
