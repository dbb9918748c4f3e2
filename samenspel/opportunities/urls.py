"""Opportunities URLs, one block per part (the views of each part are in views/<part>.py).

matching: the choice for invitations, Kansen voor jou, how many fit (for managers)
posting: the list, one opportunity, posting and editing, the poster's own, approval, the public form
areas: the coordinators' list of areas
responses: responding, my response, the respondents page (chosen / not chosen)
realised: what paid work realised, per person
"""

from django.urls import path

from .views import areas, matching, posting, realised, responses

app_name = "opportunities"
urlpatterns = [
    # matching (before "<id:pk>/": fixed words first)
    path("invitations/", matching.invitations, name="invitations"),
    path("invitations/withdraw/", matching.invitations_withdraw, name="invitations_withdraw"),
    path("for-you/", matching.for_you, name="for_you"),
    path("<id:pk>/matches/", matching.matches, name="matches"),
    # posting
    path("", posting.opportunity_list, name="list"),
    path("mine/", posting.mine, name="mine"),
    path("new/", posting.opportunity_create, name="create"),
    path("submit/", posting.public_submit, name="public_submit"),
    path("review/", posting.review, name="review"),
    path("<id:pk>/", posting.opportunity_detail, name="detail"),
    path("<id:pk>/edit/", posting.opportunity_edit, name="edit"),
    path("<id:pk>/send/", posting.opportunity_submit, name="submit"),
    path("<id:pk>/withdraw/", posting.opportunity_withdraw, name="withdraw"),
    path("<id:pk>/close/", posting.opportunity_close, name="close"),
    path("<id:pk>/filled/", posting.opportunity_fill, name="fill"),
    path("<id:pk>/reopen/", posting.opportunity_reopen, name="reopen"),
    path("<id:pk>/approve/", posting.opportunity_approve, name="approve"),
    path("<id:pk>/reject/", posting.opportunity_reject, name="reject"),
    # responses
    path("<id:pk>/respond/", responses.respond, name="respond"),
    path("<id:pk>/my-response/", responses.my_response, name="my_response"),
    path("<id:pk>/my-response/withdraw/", responses.withdraw, name="response_withdraw"),
    path("<id:pk>/responses/", responses.respondents, name="responses"),
    path("<id:pk>/responses/<id:response_pk>/decide/", responses.decide, name="response_decide"),
    # realised
    path("<id:pk>/realised/", realised.realised_list, name="realised"),
    path("<id:pk>/realised/<id:row_pk>/edit/", realised.realised_edit, name="realised_edit"),
    path("<id:pk>/realised/<id:row_pk>/delete/", realised.realised_delete, name="realised_delete"),
    # areas
    path("areas/", areas.area_list, name="areas"),
    path("areas/<id:pk>/", areas.area_edit, name="area_edit"),
]
