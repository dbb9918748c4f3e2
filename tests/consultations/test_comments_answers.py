"""Answers to the round's questions: one per question per person, changed or withdrawn until closing."""

import time_machine
from django.urls import reverse

from samenspel.consultations.models import Comment, Question

from .helpers_rounds import DAY, NOW, make_round


def test_a_member_answers_changes_and_withdraws_answers(setup, personas, client_for):
    first = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    second = Question.objects.create(round=setup.round, position=2, text="Is de taal duidelijk?")
    client = client_for(personas.member)
    url = reverse("consultations:answers", args=[setup.round.pk])
    page = client.get(url).content.decode()
    assert "Mist er iets?" in page and "Is de taal duidelijk?" in page
    assert client.post(url, {f"q{first.pk}": "", f"q{second.pk}": "", "display": "name"}).status_code == 400
    response = client.post(url, {f"q{first.pk}": "Ja, geld.", f"q{second.pk}": "", "display": "anonymous"})
    assert response.status_code == 302
    answer = Comment.objects.get()
    assert (answer.question, answer.paragraph, answer.display) == (first, None, "anonymous")
    client.post(url, {f"q{first.pk}": "Ja, geld en werk.", f"q{second.pk}": "Ja", "display": "name"})
    assert Comment.objects.filter(withdrawn_at__isnull=True).count() == 2
    answer.refresh_from_db()
    assert answer.body == "Ja, geld en werk."
    client.post(url, {f"q{first.pk}": "", f"q{second.pk}": "Ja", "display": "name"})
    answer.refresh_from_db()
    assert answer.withdrawn_at is not None
    round_page = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "Ja, geld en werk." not in round_page and "Ja" in round_page


def test_answers_need_the_audience_and_an_open_round(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        from .helpers_rounds import confirm_email

        setup = make_round(closes_at=NOW + DAY)
        confirm_email(personas.member, personas.pending)
        question = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
        url = reverse("consultations:answers", args=[setup.round.pk])
        data = {f"q{question.pk}": "Antwoord", "display": "name"}
        assert client_for(personas.pending).post(url, data).status_code == 403
        assert client_for(personas.member).post(url, {**data, f"q{question.pk}": "x" * 5001}).status_code == 400
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        response = client_for(personas.member).post(url, data)
        assert response.status_code == 400
        assert "This round is closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_round_without_questions_has_no_answers_page(setup, personas, client_for):
    assert client_for(personas.member).get(reverse("consultations:answers", args=[setup.round.pk])).status_code == 404
