from django.urls import path

from . import feeds
from .views import audiences, editions, reading, requests

app_name = "newsletter"
urlpatterns = [
    # Reading and getting it
    path("", reading.archive, name="archive"),
    path("editions.atom", feeds.EditionsFeed(), name="editions_atom"),
    path("<id:pk>/", reading.edition, name="edition"),
    path("me/", audiences.preferences, name="preferences"),
    path("subscribe/", audiences.subscribe, name="subscribe"),
    path("subscribe/<str:token>/", audiences.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", audiences.unsubscribe, name="unsubscribe"),
    # Kartrekkers
    path("requests/", requests.request_list, name="requests"),
    path("requests/<id:pk>/", requests.request_detail, name="request"),
    path("requests/<id:pk>/choose/", requests.request_choose, name="request_choose"),
    # Coordinators
    path("manage/", editions.manage_list, name="manage_list"),
    path("manage/new/", editions.create, name="create"),
    path("manage/addresses/", audiences.suppressions, name="suppressions"),
    path("manage/addresses/<id:pk>/remove/", audiences.suppression_remove, name="suppression_remove"),
    path("manage/<id:pk>/", editions.manage, name="manage"),
    path("manage/<id:pk>/edit/", editions.edit, name="edit"),
    path("manage/<id:pk>/preview/", editions.preview, name="preview"),
    path("manage/<id:pk>/preview/email/", editions.preview_email, name="preview_email"),
    path("manage/<id:pk>/preview/email.html", editions.preview_email_html, name="preview_email_html"),
    path("manage/<id:pk>/send/", editions.send, name="send"),
    path("manage/<id:pk>/unschedule/", editions.unschedule, name="unschedule"),
    path("manage/<id:pk>/resume/", editions.resume, name="resume"),
    path("manage/<id:pk>/progress/", editions.progress, name="progress"),
]
