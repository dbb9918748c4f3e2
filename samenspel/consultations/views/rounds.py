"""Views for consultation rounds: thin wrappers around samenspel.consultations.services.rounds (services)
and selectors_rounds (reads). Who may do what is decided in access.py and in the services."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.circles.selectors import circle_roles_on
from samenspel.core.cache_version import keyed
from samenspel.core.roles import is_coordinator
from samenspel.core.whole_page import visitor_page
from samenspel.lib.markdown import render_markdown

from .. import access, fragments
from ..forms.rounds import AnswersForm, CommentEditForm, CommentForm, InviteForm, RemarkForm, RoundForm
from ..models import Comment, Paragraph, Round, RoundInvitee
from ..selectors import rounds as selectors_rounds
from ..services import rounds as services


def _round_url(round_: Round, anchor: str = "") -> str:
    url = reverse("consultations:round_detail", args=[round_.pk])
    return f"{url}#{anchor}" if anchor else url


def _anchor_for(paragraph: Paragraph | None) -> str:
    return f"p-{paragraph.key.uid}" if paragraph is not None else "whole-document"


def _part_url(round_: Round, *, paragraph_id: int | None = None, question_id: int | None = None) -> str:
    """The page of one part of the round: a paragraph's comments, a question's answers, or the
    comments on the whole document."""
    if question_id is not None:
        return reverse("consultations:round_question", args=[round_.pk, question_id])
    if paragraph_id is not None:
        return reverse("consultations:round_paragraph", args=[round_.pk, paragraph_id])
    return reverse("consultations:round_document_comments", args=[round_.pk])


def _comment_url(request, round_: Round, comment: Comment) -> str:
    """Where a comment is shown to this viewer: on the round page, or (when that shows only the
    number of comments per part) on its part's page."""
    if selectors_rounds.shows_inline_for(request.user, round_):
        return _round_url(round_, f"comment-{comment.pk}")
    url = _part_url(round_, paragraph_id=comment.paragraph_id, question_id=comment.question_id)
    return f"{url}#comment-{comment.pk}"


def _round_to_manage(request, pk) -> Round:
    """Hidden → 404; not managing the round's document (coordinators, a circle's kartrekkers) → 403."""
    round_ = access.get_round_for(request.user, pk)
    access.require_may_manage_round(request.user, round_)
    return round_


def _closed_message(round_: Round) -> str:
    if timezone.now() < round_.opens_at:
        return _("This round has not opened yet. You can comment from the opening date.")
    return _("This round is closed. You can no longer comment or change comments.")


# --- reading -------------------------------------------------------------------------------------


@require_safe
def round_list(request):
    context = {"groups": selectors_rounds.rounds_for_list(request.user), "is_coordinator": is_coordinator(request.user)}
    return render(request, "consultations/rounds/round_list.html", context)


@visitor_page
@keyed("round:{pk}")
@require_safe
def round_detail(request, pk):
    roles = circle_roles_on(request)
    round_ = access.round_from_row(request.user, selectors_rounds.round_row(request, pk), roles)
    page = selectors_rounds.round_page(request.user, round_)
    context = {
        "round": round_,
        "document": round_.version.document,
        "version": round_.version,
        "page": page,
        # Round.save raises the revision: a new introduction makes a new key.
        "introduction": fragments.cached(
            "round-introduction", (round_.pk, round_.revision), lambda: render_markdown(round_.introduction, under=2)
        ),
        "may_manage": access.may_manage_document_with(request.user, round_.version.document, roles),
        "now": timezone.now(),
    }
    if not page.inline:
        context["text"] = _text_with_counts(request.user, round_, page, context["may_manage"])
    return render(request, "consultations/rounds/round_detail.html", context)


def _text_with_counts(user, round_: Round, page, may_manage: bool) -> str:
    """The round's text with each paragraph's number of comments, rendered once per round revision
    and what the viewer may do (decided above, for every request): the counts differ for
    coordinators (withdrawn comments), the links with may_comment and may_manage."""

    def render_text() -> str:
        text_page = replace(page, paragraphs=selectors_rounds.text_with_counts(round_, page))
        context = {"round": round_, "version": round_.version, "page": text_page, "may_manage": may_manage}
        return render_to_string("consultations/rounds/includes/round_text.html", context)

    parts = (round_.pk, round_.revision, is_coordinator(user), page.may_comment, may_manage)
    return mark_safe(fragments.cached("round-text", parts, render_text))  # noqa: S308 - our template's output


@require_safe
def round_part(request, pk, paragraph_pk=None, question_pk=None):
    """All comments on one paragraph, all answers to one question, or all comments on the whole
    document: linked from the round page when it shows only their number."""
    round_ = access.get_round_for(request.user, pk)
    paragraph = question = None
    number = None
    if paragraph_pk is not None:
        paragraph = get_object_or_404(
            Paragraph.objects.select_related("key"), pk=paragraph_pk, version_id=round_.version_id
        )
        number = _paragraph_number(paragraph)
        comments = selectors_rounds.paragraph_with_comments(request.user, round_, paragraph)
        back = _round_url(round_, _anchor_for(paragraph))
    elif question_pk is not None:
        question = get_object_or_404(round_.questions, pk=question_pk)
        comments = selectors_rounds.question_with_answers(request.user, round_, question)
        back = _round_url(round_, f"question-{question.pk}")
    else:
        comments = selectors_rounds.paragraph_with_comments(request.user, round_, None)
        back = _round_url(round_, "whole-document")
    context = {
        "round": round_,
        "paragraph": paragraph,
        "heading_tag": selectors_rounds.heading_tag(paragraph) if paragraph else "",
        "number": number,
        "question": question,
        "comments": comments,
        "may_comment": access.may_comment(request.user, round_),
        "may_support": access.may_support(request.user, round_),
        "back_url": back,
    }
    return render(request, "consultations/rounds/round_part.html", context)


# --- rounds (coordinators) -------------------------------------------------------------------------


def _published_versions(user):
    return access.manageable_versions_for(user).order_by("document__title", "number")


def _round_fields(form: RoundForm) -> dict:
    """What create_round and update_round both take from a valid RoundForm."""
    keys = ("title", "introduction", "audience", "opens_at", "closes_at", "questions")
    return {key: form.cleaned_data[key] for key in keys}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_create(request):
    versions = _published_versions(request.user)
    if not is_coordinator(request.user) and not versions.exists():
        raise PermissionDenied
    initial = {"audience": Round.Audience.MEMBERS if is_coordinator(request.user) else Round.Audience.CIRCLE}
    if request.GET.get("version", "").isdigit():
        initial["version"] = int(request.GET["version"])
    form = RoundForm(request.POST or None, versions=versions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.create_round(
                actor=request.user,
                version=form.cleaned_data["version"],
                **_round_fields(form),
            )
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The round is saved."))
            if round_.audience == Round.Audience.INVITED:
                return redirect("consultations:round_invitees", pk=round_.pk)
            return redirect("consultations:round_detail", pk=round_.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/rounds/round_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_edit(request, pk):
    round_ = _round_to_manage(request, pk)
    initial = {
        "title": round_.title,
        "introduction": round_.introduction,
        "audience": round_.audience,
        "opens_at": round_.opens_at,
        "closes_at": round_.closes_at,
        "questions": "\n".join(round_.questions.order_by("position", "id").values_list("text", flat=True)),
    }
    form = RoundForm(request.POST or None, round_=round_, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(
                actor=request.user,
                round_=round_,
                **_round_fields(form),
            )
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("consultations:round_detail", pk=round_.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/rounds/round_form.html", {"form": form, "round": round_}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_invitees(request, pk):
    round_ = _round_to_manage(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite(actor=request.user, round_=round_, emails=form.cleaned_data["emails"])
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            if result.invited:
                count = len(result.invited)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s person is invited and gets an email.",
                        "%(count)s people are invited and get an email.",
                        count,
                    )
                    % {"count": count},
                )
            if result.already:
                messages.info(
                    request,
                    _("Already invited: %(names)s.") % {"names": ", ".join(m.name for m in result.already)},
                )
            if result.unknown:
                messages.warning(
                    request,
                    _(
                        "No account with these addresses: %(emails)s. Ask them to join the network first, "
                        "or enter their remarks for them."
                    )
                    % {"emails": ", ".join(result.unknown)},
                )
            return redirect("consultations:round_invitees", pk=round_.pk)
    context = {"round": round_, "form": form, "invitees": selectors_rounds.invitees_of(round_)}
    return render(
        request, "consultations/rounds/invitees.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def round_invitee_remove(request, pk, invitee_pk):
    round_ = _round_to_manage(request, pk)
    try:
        invitee = RoundInvitee.objects.select_related("member").get(pk=invitee_pk, round=round_)
    except RoundInvitee.DoesNotExist:
        raise Http404 from None
    services.uninvite(actor=request.user, round_=round_, invitee=invitee)
    messages.success(request, _("%(name)s is no longer invited.") % {"name": invitee.member.name})
    return redirect("consultations:round_invitees", pk=round_.pk)


# --- comments ------------------------------------------------------------------------------------


def _paragraph_from_query(round_: Round, value) -> Paragraph | None:
    """The paragraph named in ?paragraph=: of the round's version, else 404."""
    if value in (None, ""):
        return None
    try:
        return Paragraph.objects.select_related("key").get(pk=int(value), version_id=round_.version_id)
    except (Paragraph.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _paragraph_number(paragraph: Paragraph | None) -> int | None:
    if paragraph is None:
        return None
    return Paragraph.objects.filter(version_id=paragraph.version_id, position__lt=paragraph.position).count() + 1


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_create(request, pk):
    """The comment form for one paragraph (?paragraph=<id>) or for the whole document."""
    round_ = access.get_round_for(request.user, pk)
    if request.method in ("GET", "HEAD"):
        paragraph = _paragraph_from_query(round_, request.GET.get("paragraph"))
        if not round_.is_open:
            messages.error(request, _closed_message(round_))
            return redirect(_round_url(round_, _anchor_for(paragraph)))
        access.require_may_comment(request.user, round_)
        form = CommentForm(round_=round_, initial={"paragraph": paragraph.pk if paragraph else None})
        status = 200
    else:
        if round_.is_open:
            access.require_may_comment(request.user, round_)
        form = CommentForm(request.POST, round_=round_)
        paragraph = None
        if form.is_valid():
            paragraph = form.cleaned_data["paragraph"]
            try:
                comment = services.add_comment(
                    author=request.user,
                    round_=round_,
                    paragraph=paragraph,
                    body=form.cleaned_data["body"],
                    display=form.cleaned_data["display"],
                )
            except services.RoundError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. Your comment is saved."))
                return redirect(_comment_url(request, round_, comment))
        status = 400
    context = {
        "round": round_,
        "form": form,
        "paragraph": paragraph,
        "number": _paragraph_number(paragraph),
        "comments": selectors_rounds.paragraph_with_comments(request.user, round_, paragraph) if status == 200 else [],
        "back_url": _round_url(round_, _anchor_for(paragraph)),
    }
    return render(request, "consultations/rounds/comment_form.html", context, status=status)


def _own_comment(request, pk, comment_pk) -> tuple[Round, Comment]:
    round_ = access.get_round_for(request.user, pk)
    comment = access.get_own_comment_for(request.user, round_, comment_pk)
    if comment.withdrawn_at is not None:
        raise Http404
    return round_, comment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_edit(request, pk, comment_pk):
    round_, comment = _own_comment(request, pk, comment_pk)
    if request.method in ("GET", "HEAD") and not round_.is_open:
        messages.error(request, _closed_message(round_))
        return redirect(_comment_url(request, round_, comment))
    form = CommentEditForm(request.POST or None, initial={"body": comment.body, "display": comment.display})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_comment(
                actor=request.user,
                comment=comment,
                body=form.cleaned_data["body"],
                display=form.cleaned_data["display"],
            )
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your comment is changed."))
            return redirect(_comment_url(request, round_, comment))
    context = {
        "round": round_,
        "comment": comment,
        "form": form,
        "back_url": _comment_url(request, round_, comment),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/rounds/comment_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_withdraw(request, pk, comment_pk):
    round_, comment = _own_comment(request, pk, comment_pk)
    if request.method == "POST":
        try:
            services.withdraw_comment(actor=request.user, comment=comment)
        except services.RoundError as error:
            messages.error(request, error.message)
            return redirect(_comment_url(request, round_, comment))
        messages.success(request, _("Your comment is withdrawn. Others no longer see it."))
        return redirect(_round_url(round_, _anchor_for(comment.paragraph)))
    if not round_.is_open:
        messages.error(request, _closed_message(round_))
        return redirect(_comment_url(request, round_, comment))
    context = {"round": round_, "comment": comment, "back_url": _comment_url(request, round_, comment)}
    return render(request, "consultations/rounds/comment_withdraw.html", context)


@login_required
@require_POST
def comment_support(request, pk, comment_pk):
    """'I agree' (action=support) or taking it back (action=withdraw)."""
    round_ = access.get_round_for(request.user, pk)
    try:
        comment = round_.comments.filter(access.comments_visible_filter(request.user)).get(pk=comment_pk)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw_support(member=request.user, comment=comment)
            messages.success(request, _("You no longer support this comment."))
        else:
            services.support(member=request.user, comment=comment)
            messages.success(request, _("You support this comment."))
    except services.RoundError as error:
        messages.error(request, error.message)
    return redirect(_comment_url(request, round_, comment))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answers(request, pk):
    """Answer the round's questions (one text box each); emptying an answer withdraws it."""
    round_ = access.get_round_for(request.user, pk)
    questions = list(round_.questions.order_by("position", "id"))
    if not questions:
        raise Http404
    if request.method in ("GET", "HEAD") and not round_.is_open:
        messages.error(request, _closed_message(round_))
        return redirect(_round_url(round_, "questions"))
    if round_.is_open:
        access.require_may_comment(request.user, round_)
    current = selectors_rounds.own_answers(request.user, round_)
    initial = {f"q{q.pk}": current[q.pk].body for q in questions if q.pk in current}
    if current:
        initial["display"] = next(iter(current.values())).display
    form = AnswersForm(request.POST or None, questions=questions, has_answers=bool(current), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_questions(
                author=request.user, round_=round_, answers=form.answers(), display=form.cleaned_data["display"]
            )
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect(_round_url(round_, "questions"))
    context = {"round": round_, "form": form, "back_url": _round_url(round_, "questions")}
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/rounds/answers.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remark_create(request, pk):
    """A coordinator enters a remark that came in by email or in a meeting."""
    round_ = _round_to_manage(request, pk)
    paragraphs = list(round_.version.paragraphs.order_by("position"))
    initial = {"source": Comment.Source.EMAIL}
    if request.GET.get("paragraph", "").isdigit():
        initial["paragraph"] = int(request.GET["paragraph"])
    form = RemarkForm(request.POST or None, round_=round_, paragraphs=paragraphs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.enter_remark(
                actor=request.user,
                round_=round_,
                paragraph=data["paragraph"],
                body=data["body"],
                submitter_name=data["submitter_name"],
                submitter_role=data["submitter_role"],
                source=data["source"],
                source_meeting=data["source_meeting"],
                display=data["display"],
            )
        except services.RoundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The remark is saved."))
            return redirect(_comment_url(request, round_, comment))
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/rounds/remark_form.html", {"round": round_, "form": form}, status=status)
