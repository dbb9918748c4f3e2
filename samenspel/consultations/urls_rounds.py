"""URL patterns for the rounds part of consultations (see urls.py)."""

from django.urls import path

from . import views_rounds as views

urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/paragraphs/<int:paragraph_pk>/", views.round_part, name="round_paragraph"),
    path("rounds/<int:pk>/questions/<int:question_pk>/", views.round_part, name="round_question"),
    path("rounds/<int:pk>/whole-document/", views.round_part, name="round_document_comments"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/invitees/", views.round_invitees, name="round_invitees"),
    path("rounds/<int:pk>/invitees/<int:invitee_pk>/remove/", views.round_invitee_remove, name="round_invitee_remove"),
    path("rounds/<int:pk>/comment/", views.comment_create, name="comment_create"),
    path("rounds/<int:pk>/answers/", views.answers, name="answers"),
    path("rounds/<int:pk>/remarks/new/", views.remark_create, name="remark_create"),
    path("rounds/<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment_edit"),
    path("rounds/<int:pk>/comments/<int:comment_pk>/withdraw/", views.comment_withdraw, name="comment_withdraw"),
    path("rounds/<int:pk>/comments/<int:comment_pk>/support/", views.comment_support, name="comment_support"),
]
