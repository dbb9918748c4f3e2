"""A long published reactienota, read as a visitor: the list of parts names the parts near this one,
and the keyboard takes you to any part through the "go to part" form; axe checks the page, also on
a phone."""

import pytest
from django.urls import reverse

from samenspel.consultations.views import reactienota as views
from tests.consultations.helpers_reactienota import answer_all, comment, make_consultation
from tests.factories.members import MemberFactory

from .helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PER_PARAGRAPH = 3


def test_a_visitor_goes_to_a_part_of_a_long_reactienota_with_the_keyboard(page, phone_page, monkeypatch):
    from samenspel.consultations.services import reactienota

    monkeypatch.setattr(views, "COMMENTS_PER_PART", PER_PARAGRAPH)  # a part per paragraph
    monkeypatch.setattr(views, "PARTS_LISTED", 4)
    monkeypatch.setattr(views, "NEARBY_PARTS", 1)
    consultation = make_consultation(paragraphs=9)  # a heading and 8 paragraphs: 8 parts
    for index in range(1, 9):
        for number in range(PER_PARAGRAPH):
            comment(consultation, index=index, body=f"Reactie {index}-{number} op dit stuk.")
    coordinator = MemberFactory(is_coordinator=True)
    answer_all(consultation, coordinator)
    reactienota.publish_reactienota(round_=consultation.round, actor=coordinator)
    url = reverse("consultations:reactienota", args=[consultation.round.pk])

    page.goto(url)
    main = page.locator("main")
    assert "Deel 1 van 8" in main.inner_text()
    assert_accessible(page, "reactienota-many-parts")
    field = page.get_by_label("Ga naar deel (1 tot en met 8)")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("6")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?part=6")
    text = page.locator("main").inner_text()
    assert "Deel 6 van 8" in text and "Reactie 6-0 op dit stuk." in text and "Reactie 1-0 op dit stuk." not in text
    assert_accessible(page, "reactienota-part-6")

    phone_page.goto(url + "?part=6")
    assert_accessible(phone_page, "reactienota-part-6-phone")
