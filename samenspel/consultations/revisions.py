"""A round's revision: when the cached parts of the consultation pages are stale.

The document page, the round page, the reactienota and the diff of two versions render their
viewer-independent parts once and keep them in this process's cache ("pages"), keyed by ids that
never change and by `Round.revision` (see docs/performance.md, "Where the time goes"):

- a published version's text never changes (a change is a new version), so its paragraphs and
  the diff of two published versions are keyed by the versions' ids alone;
- what a round's pages show beside that text (the number of remarks per paragraph and per question,
  the questions, supports, outcomes) changes with the round's revision. `Round.save` raises it,
  and the receivers below raise it on every save or deletion of a comment, a support or a
  question, and on a change to the paragraphs a comment led to. These parts show no names; the
  reactienota, which does, is cached under the round's cache version (`cache_keys.py`), which a
  commenter's change of name and the deletion of their account bump too.

Why a column and not a number in the cache: each gunicorn worker has its own local-memory cache,
so a number kept there would change in one worker only; the pages read the round row anyway. The
bump is an `UPDATE ... SET revision = revision + 1` in the writer's transaction, so the new
number and the new data become visible together. Writes that send no signals
(`QuerySet.update`, `bulk_create`) of data these pages show must call `bump()` themselves.

Drafts are never cached: their text changes in place (`save_paragraphs`).
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save


def bump(*round_ids) -> None:
    """Raise the revision of these rounds (ids; None is ignored), and their documents' cache versions."""
    from samenspel.core import cache_version

    from .cache_keys import document_keys
    from .models import Round

    ids = {pk for pk in round_ids if pk is not None}
    if ids:
        Round.objects.filter(pk__in=ids).update(revision=F("revision") + 1)
        cache_version.bump(*document_keys(versions__rounds__pk__in=ids), *(f"round:{pk}" for pk in ids))


def _on_round_child_changed(sender, instance, **kwargs):
    bump(instance.round_id)


def _on_support_changed(sender, instance, **kwargs):
    from .models import Comment

    bump(*Comment.objects.filter(pk=instance.comment_id).values_list("round_id", flat=True))


def _on_changed_paragraphs(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Comment

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        bump(instance.round_id)
    elif pk_set:
        bump(*Comment.objects.filter(pk__in=pk_set).values_list("round_id", flat=True).distinct())


def connect() -> None:
    """Called once from ConsultationsConfig.ready()."""
    from .models import Comment, CommentSupport, Question

    uid = "samenspel.consultations.revisions"
    for model in (Comment, Question):
        post_save.connect(_on_round_child_changed, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_on_round_child_changed, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    post_save.connect(_on_support_changed, sender=CommentSupport, dispatch_uid=f"{uid}.save.CommentSupport")
    post_delete.connect(_on_support_changed, sender=CommentSupport, dispatch_uid=f"{uid}.delete.CommentSupport")
    m2m_changed.connect(
        _on_changed_paragraphs, sender=Comment.changed_paragraphs.through, dispatch_uid=f"{uid}.m2m.changed"
    )
