"""Each app registers in its AppConfig.ready() what invalidates the cached fragments (issue 12)."""

import pytest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.consultations.models import Comment, CommentSupport, Round
from samenspel.core import cache_version
from samenspel.members.models import ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team


def _receivers(signal, sender):
    sync_receivers, _async_receivers = signal._live_receivers(sender)  # Django 5: (sync, async)
    return sync_receivers


@pytest.mark.parametrize(
    "model", [Circle, CircleMembership, CircleUpdate, Theme, Member, Organisation, Team, Round, Comment, CommentSupport]
)
def test_saves_and_deletes_of_shown_models_bump(model):
    assert cache_version._on_saved in _receivers(post_save, model)
    assert cache_version._on_deleting in _receivers(pre_delete, model)


@pytest.mark.parametrize(
    "through", [Member.themes.through, Organisation.representatives.through, Comment.changed_paragraphs.through]
)
def test_m2m_changes_of_shown_relations_bump(through):
    assert cache_version._on_m2m_changed in _receivers(m2m_changed, through)


def test_consent_texts_refresh_the_consent_version():
    assert cache_version._on_consent_text_changed in _receivers(post_save, ConsentText)
    assert cache_version._on_consent_text_changed in _receivers(post_delete, ConsentText)


def test_a_consent_text_published_is_read_through_the_registered_source(db):
    from tests.factories.members import ConsentTextFactory

    ConsentTextFactory(version=3)
    assert cache_version.read("consent") == {"consent": 3}
