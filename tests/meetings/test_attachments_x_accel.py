"""Report attachments in production: nginx sends the file, but only after the view said yes.

With X_ACCEL_REDIRECT_PREFIX set, the view answers with headers only and `X-Accel-Redirect`
points nginx to an `internal` location (docs/production.md); there is no public /media/ any
more, so a file cannot be fetched past the permission check. Without it, Django streams the file.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspel.meetings.models import Visibility
from samenspel.meetings.services import afterwards

from .helpers_afterwards import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]
PREFIX = "/protected-media/"


@pytest.fixture
def attachment(personas, circle_meeting):
    uploaded = SimpleUploadedFile("presentatie.pdf", pdf_bytes())
    attachment = afterwards.add_attachment(
        meeting=circle_meeting, uploaded=uploaded, title="Presentatie", actor=personas.coordinator
    )
    afterwards.publish_report(meeting=circle_meeting, visibility=Visibility.MEMBERS, actor=personas.coordinator)
    return attachment


def test_behind_nginx_the_view_hands_the_file_to_an_internal_location(settings, personas, client_for, attachment):
    settings.X_ACCEL_REDIRECT_PREFIX = PREFIX
    response = client_for(personas.member).get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == PREFIX + attachment.file.name
    assert attachment.file.name.startswith("meetings/attachments/")
    assert response.content == b""  # nginx sends the body
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="presentatie.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("persona", ["visitor", "pending"])
def test_behind_nginx_those_who_may_not_read_the_report_get_404_and_no_file(
    settings, personas, client_for, attachment, persona
):
    settings.X_ACCEL_REDIRECT_PREFIX = PREFIX
    response = client_for(getattr(personas, persona)).get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == (302 if persona == "visitor" else 404)  # a visitor: to the login page
    assert not response.has_header("X-Accel-Redirect")


def test_behind_nginx_a_missing_file_is_404(settings, personas, client_for, attachment):
    settings.X_ACCEL_REDIRECT_PREFIX = PREFIX
    attachment.file.storage.delete(attachment.file.name)
    response = client_for(personas.member).get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")


def test_without_the_setting_django_streams_the_file(settings, personas, client_for, attachment):
    settings.X_ACCEL_REDIRECT_PREFIX = ""
    response = client_for(personas.member).get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert not response.has_header("X-Accel-Redirect")
    assert b"".join(response.streaming_content) == pdf_bytes()
