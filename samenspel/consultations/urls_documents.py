"""URL patterns for the documents part of consultations (see urls.py)."""

from django.urls import path

from . import views_documents as views

urlpatterns: list = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("<slug:slug>/", views.document_detail, name="document_detail"),
    path("<slug:slug>/edit/", views.document_edit, name="document_edit"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
    path("<slug:slug>/versions/new/", views.version_create, name="version_create"),
    path("<slug:slug>/versions/<id:number>/", views.version_detail, name="version_detail"),
    path("<slug:slug>/versions/<id:number>/text/", views.version_text, name="version_text"),
    path("<slug:slug>/versions/<id:number>/text/save/", views.version_text_save, name="version_text_save"),
    path("<slug:slug>/versions/<id:number>/publish/", views.version_publish, name="version_publish"),
]
