from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<id:pk>/", views.detail, name="detail"),
    path("me/", views.profile, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("consent/", views.consent, name="consent"),
    path("privacy/", views.privacy, name="privacy"),
    # Coordinators
    path("pending/", views.pending, name="pending"),
    path("pending/<id:pk>/decide/", views.decide, name="decide"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/<id:pk>/", views.manage_detail, name="manage_detail"),
    path("import/", views.import_members, name="import"),
    path("export/", views.export_members, name="export"),
    path("themes/", views.themes, name="themes"),
    path("themes/<id:pk>/", views.theme_edit, name="theme_edit"),
    path("consent-texts/", views.consent_texts, name="consent_texts"),
    path("consent-texts/<id:pk>/", views.consent_text_edit, name="consent_text_edit"),
    path("consent-texts/<id:pk>/publish/", views.consent_text_publish, name="consent_text_publish"),
]
