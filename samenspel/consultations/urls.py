"""Consultations URLs, one block per part (the views of each part are in views/<part>.py).

rounds: consultation rounds, comments per paragraph, support, remarks entered on behalf
reactienota: outcomes per comment, the reactienota page and its download, notifications, the Atom feed
documents: documents, versions (write in Markdown or upload .docx/.md, review the split), diffs, history

A document's page is `<slug>/`, so the documents block comes last and a slug cannot be
"rounds" or "new" (`services.documents.RESERVED_SLUGS`).
"""

from django.urls import path

from . import feeds
from .views import documents, reactienota, rounds

app_name = "consultations"
urlpatterns = [
    # rounds
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<id:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<id:pk>/paragraphs/<id:paragraph_pk>/", rounds.round_part, name="round_paragraph"),
    path("rounds/<id:pk>/questions/<id:question_pk>/", rounds.round_part, name="round_question"),
    path("rounds/<id:pk>/whole-document/", rounds.round_part, name="round_document_comments"),
    path("rounds/<id:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<id:pk>/invitees/", rounds.round_invitees, name="round_invitees"),
    path("rounds/<id:pk>/invitees/<id:invitee_pk>/remove/", rounds.round_invitee_remove, name="round_invitee_remove"),
    path("rounds/<id:pk>/comment/", rounds.comment_create, name="comment_create"),
    path("rounds/<id:pk>/answers/", rounds.answers, name="answers"),
    path("rounds/<id:pk>/remarks/new/", rounds.remark_create, name="remark_create"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/edit/", rounds.comment_edit, name="comment_edit"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/withdraw/", rounds.comment_withdraw, name="comment_withdraw"),
    path("rounds/<id:pk>/comments/<id:comment_pk>/support/", rounds.comment_support, name="comment_support"),
    # reactienota
    path("rounds/<id:pk>/outcomes/", reactienota.outcomes, name="outcomes"),
    path("rounds/<id:pk>/outcomes/<id:comment_pk>/", reactienota.outcome_set, name="outcome_set"),
    path("rounds/<id:pk>/next-version/", reactienota.next_version_set, name="next_version_set"),
    path("rounds/<id:pk>/reactienota/", reactienota.reactienota_page, name="reactienota"),
    path("rounds/<id:pk>/reactienota/publish/", reactienota.reactienota_publish, name="reactienota_publish"),
    path("rounds/<id:pk>/reactienota/download/", reactienota.reactienota_download, name="reactienota_download"),
    path("reactienota.atom", feeds.ReactienotaFeed(), name="reactienota_atom"),
    # documents
    path("", documents.document_list, name="document_list"),
    path("new/", documents.document_create, name="document_create"),
    path("<slug:slug>/", documents.document_detail, name="document_detail"),
    path("<slug:slug>/edit/", documents.document_edit, name="document_edit"),
    path("<slug:slug>/compare/", documents.compare, name="compare"),
    path("<slug:slug>/versions/new/", documents.version_create, name="version_create"),
    path("<slug:slug>/versions/<id:number>/", documents.version_detail, name="version_detail"),
    path("<slug:slug>/versions/<id:number>/text/", documents.version_text, name="version_text"),
    path("<slug:slug>/versions/<id:number>/text/save/", documents.version_text_save, name="version_text_save"),
    path("<slug:slug>/versions/<id:number>/publish/", documents.version_publish, name="version_publish"),
]
