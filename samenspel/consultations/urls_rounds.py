"""URL patterns for the rounds part of consultations (see urls.py)."""

from django.urls import path

from . import views_rounds as views

urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<id:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<id:pk>/paragraphs/<id:paragraph_pk>/", views.round_part, name="round_paragraph"),
    path("rounds/<id:pk>/questions/<id:question_pk>/", views.round_part, name="round_question"),
    path("rounds/<id:pk>/whole-document/", views.round_part, name="round_document_comments"),
    path("rounds/<id:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<id:pk>/invitees/", views.round_invitees, name="round_invitees"),
    path("rounds/<id:pk>/invitees/<id:invitee_pk>/remove/", views.round_invitee_remove, name="round_invitee_remove"),
    path("rounds/<id:pk>/comment/", views.comment_create, name="comment_create"),
    path("rounds/<id:pk>/answers/", views.answers, name="answers"),
    path("rounds/<id:pk>/remarks/new/", views.remark_create, name="remark_create"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/edit/", views.comment_edit, name="comment_edit"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/withdraw/", views.comment_withdraw, name="comment_withdraw"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/support/", views.comment_support, name="comment_support"),
]
