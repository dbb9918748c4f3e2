"""The document pages decide access on rows read from the cache (`access.document_from_rows` and the
functions after it): for every persona and every kind of document they must give what the queries
give (`visible_documents_for`, `may_manage_document`, `visible_versions_for`, `visible_rounds_for`)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory

from samenspel.circles.selectors import circle_roles
from samenspel.consultations import access
from samenspel.consultations.models import Document, Round, RoundInvitee
from samenspel.consultations.selectors import documents as selectors
from samenspel.consultations.selectors import rounds as rounds_selectors
from tests.factories.consultations import DocumentFactory, RoundFactory, VersionFactory
from tests.test_permission_matrix import PERSONAS


@pytest.fixture
def documents(world):
    """Besides the world's documents: a circle's document and a members-only one with rounds that
    invite the pending member and the outsider, and a round on a draft."""
    circle_document = DocumentFactory(circle=world.circle, is_public=False)
    RoundFactory(version=VersionFactory(document=circle_document, label="1"))
    VersionFactory(document=circle_document, label="2", status="draft")
    closed_document = DocumentFactory(is_public=False)
    invited = RoundFactory(version=VersionFactory(document=closed_document, label="1"))
    RoundFactory(version=VersionFactory(document=closed_document, label="1.1"))
    for person in (world.pending, world.outsider):
        RoundInvitee.objects.create(round=invited, member=person)
    RoundFactory(version=VersionFactory(document=closed_document, label="2", status="draft"))
    return list(Document.objects.order_by("pk"))


def viewer(world, persona):
    """The persona (a visitor: AnonymousUser), their circle roles and a request of theirs."""
    user = world.as_dict()[persona] or AnonymousUser()
    request = RequestFactory().get("/")
    request.user = user
    return user, circle_roles(user), request


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_rules_on_cached_rows_give_what_the_queries_give(world, documents, persona):
    user, roles, request = viewer(world, persona)
    seen = managed = invited_rounds = 0
    for document in documents:
        rows = selectors.document_rows(request, document.slug)
        # The rounds also on documents the person may not see (an invitation opens a round, not its document).
        rounds = access.rounds_from_rows(user, document, rows.rounds, roles)
        expected = access.visible_rounds_for(user).filter(version__document=document).order_by("opens_at", "pk")
        assert [r.pk for r in rounds] == list(expected.values_list("pk", flat=True)), document.slug
        invited_rounds += persona == "pending" and not document.is_public and len(rounds)
        visible = access.visible_documents_for(user).filter(pk=document.pk).exists()
        if not visible:
            with pytest.raises(Http404):
                access.document_from_rows(user, rows.document, roles)
            continue
        seen += 1
        assert access.document_from_rows(user, rows.document, roles) == document
        may_manage = access.may_manage_document(user, document)
        managed += may_manage
        assert access.may_manage_document_with(user, document, roles) == may_manage, document.slug
        versions = selectors.visible_versions(rows.versions, may_manage=may_manage)
        assert [v.pk for v in versions] == list(
            access.visible_versions_for(user, document).order_by("number").values_list("pk", flat=True)
        ), document.slug
    assert seen >= 2 if persona != "visitor" else seen >= 1
    assert invited_rounds == (1 if persona == "pending" else 0)
    assert managed == (len(documents) if persona == "coordinator" else 1 if persona == "kartrekker" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_round_page_decides_on_its_cached_row_as_the_query_does(world, documents, persona):
    user, roles, request = viewer(world, persona)
    readable = 0
    for round_ in Round.objects.order_by("pk"):
        row = rounds_selectors.round_row(request, round_.pk)
        try:
            expected = access.get_round_for(user, round_.pk)
        except Http404:
            with pytest.raises(Http404):
                access.round_from_row(user, row, roles)
            continue
        readable += 1
        assert access.round_from_row(user, row, roles) == expected
    assert readable >= 1
    with pytest.raises(Http404):
        access.round_from_row(user, rounds_selectors.round_row(request, 10**9), roles)


def test_a_slug_without_a_document_is_not_found(world):
    request = RequestFactory().get("/")
    request.user = world.member
    rows = selectors.document_rows(request, "no-such-document")
    assert rows.document is None
    with pytest.raises(Http404):
        access.document_from_rows(world.member, rows.document, circle_roles(world.member))
