"""URL patterns for the organisation part of tandems (see urls.py): an organisation's own data.

The organisation is the `organisation` argument (its slug); objects inside it are looked up
only within that organisation, so another organisation's id answers 404.
"""

from django.urls import path

from . import views_organisation as views

ORG = "organisations/<slug:organisation>/"

urlpatterns: list = [
    path("organisations/", views.organisation_list, name="org_list"),
    path(ORG, views.organisation_detail, name="org_detail"),
    path(f"{ORG}import/", views.organisation_import, name="org_import"),
    path(f"{ORG}export/", views.organisation_export, name="org_export"),
    path(f"{ORG}experts/new/", views.expert_create, name="expert_create"),
    path(f"{ORG}experts/<id:expert_pk>/", views.expert_detail, name="expert_detail"),
    path(f"{ORG}experts/<id:expert_pk>/edit/", views.expert_edit, name="expert_edit"),
    path(f"{ORG}experts/<id:expert_pk>/delete/", views.expert_delete, name="expert_delete"),
    path(f"{ORG}experts/<id:expert_pk>/trainings/new/", views.training_create, name="training_create"),
    path(
        f"{ORG}experts/<id:expert_pk>/trainings/<id:training_pk>/edit/",
        views.training_edit,
        name="training_edit",
    ),
    path(
        f"{ORG}experts/<id:expert_pk>/trainings/<id:training_pk>/delete/",
        views.training_delete,
        name="training_delete",
    ),
    path(f"{ORG}professionals/new/", views.professional_create, name="professional_create"),
    path(f"{ORG}professionals/<id:professional_pk>/edit/", views.professional_edit, name="professional_edit"),
    path(f"{ORG}professionals/<id:professional_pk>/delete/", views.professional_delete, name="professional_delete"),
    path(f"{ORG}tandems/new/", views.tandem_create, name="tandem_create"),
    path(f"{ORG}tandems/<id:tandem_pk>/edit/", views.tandem_edit, name="tandem_edit"),
]
