"""The certificate of completion as PDF: for a completed tandem, for the people it names and their organisation."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samenspel.tandems.services import trajectory as services_trajectory


def complete(tot):
    for module in tot.modules:
        services_trajectory.mark_module_done(
            actor=tot.coach, enrolment=tot.enrolment, module=module, on=datetime.date(2024, 6, 1)
        )


def pdf_text(pdf: bytes) -> str:
    """The text of the PDF as pypdf extracts it, whitespace folded."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_partner_downloads_the_certificate_of_a_completed_trajectory(tot, client_for):
    complete(tot)
    response = client_for(tot.expert).get(reverse("tandems:certificate", args=[tot.enrolment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Eva Expert and Paul Professional" in text
    assert "Tandem Ontwikkel Traject" in text
    assert "1 June 2024" in text
    assert "Kennismaken als tandem" in text


def test_no_certificate_before_completion(tot, client_for):
    services_trajectory.mark_module_done(
        actor=tot.coach, enrolment=tot.enrolment, module=tot.modules[0], on=datetime.date(2024, 6, 1)
    )
    assert client_for(tot.expert).get(reverse("tandems:certificate", args=[tot.enrolment.pk])).status_code == 404


@pytest.mark.parametrize("who", ["expert", "professional", "coach"])
def test_the_tandem_and_its_coach_may_download(tot, client_for, who):
    complete(tot)
    assert client_for(getattr(tot, who)).get(reverse("tandems:certificate", args=[tot.enrolment.pk])).status_code == 200


@pytest.mark.parametrize("who", ["orgrep", "coordinator"])
def test_the_organisation_and_the_coordinators_may_download(tot, client_for, who):
    complete(tot)
    client = client_for(getattr(tot.personas, who))
    assert client.get(reverse("tandems:certificate", args=[tot.enrolment.pk])).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "member", "municipality", "pending"])
def test_others_get_404(tot, client_for, who):
    complete(tot)
    response = client_for(getattr(tot.personas, who)).get(reverse("tandems:certificate", args=[tot.enrolment.pk]))
    assert response.status_code == 404
    assert client_for(tot.other_rep).get(reverse("tandems:certificate", args=[tot.enrolment.pk])).status_code == 404


def test_a_visitor_must_log_in(tot, client_for):
    complete(tot)
    response = client_for(None).get(reverse("tandems:certificate", args=[tot.enrolment.pk]))
    assert response.status_code == 302


def test_letters_the_font_lacks_do_not_break_the_certificate(tot, client_for):
    tot.expert.name = "Łucja Wiśniewska “Lu” Ōta 李"
    tot.expert.save()
    complete(tot)
    response = client_for(tot.expert).get(reverse("tandems:certificate", args=[tot.enrolment.pk]))
    assert response.status_code == 200
    assert "Łucja Wiśniewska “Lu” Ōta ?" in pdf_text(response.content)
