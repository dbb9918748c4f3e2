"""Report attachments: type checked by content, size-limited, stored under a random name, served safely."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspel.meetings.models import Attachment, Report, Visibility
from samenspel.meetings.services import afterwards
from tests.factories.meetings import MeetingFactory

from .helpers_afterwards import docx_bytes, exe_bytes, odp_bytes, pdf_bytes, pptx_bytes, zip_bomb_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def upload(client, meeting, name, content, title=""):
    return client.post(
        reverse("meetings:attachment_add", args=[meeting.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )


@pytest.mark.parametrize(
    "name, make, content_type, extension",
    [
        ("presentatie.pdf", pdf_bytes, afterwards.PDF, "pdf"),
        ("presentatie.pptx", pptx_bytes, afterwards.PPTX, "pptx"),
        ("presentatie.odp", odp_bytes, afterwards.ODP, "odp"),
    ],
)
def test_good_presentations_are_accepted_and_stored_under_a_random_name(
    personas, client_for, circle_meeting, settings, name, make, content_type, extension
):
    response = upload(client_for(personas.kartrekker), circle_meeting, name, make(), title="Presentatie 8 februari")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.size == len(make())
    stored = os.path.basename(attachment.file.name)
    assert stored.endswith(f".{extension}") and "presentatie" not in stored and len(stored) == 32 + 1 + len(extension)
    assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes() == make()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.pdf", exe_bytes(), "not a PDF, PPTX or ODP"),
        ("slides.pptx", docx_bytes(), "not a PDF, PPTX or ODP"),
        ("slides.odp", odp_bytes(b"application/vnd.oasis.opendocument.text"), "not a PDF, PPTX or ODP"),
        ("slides.pptx", b"PK\x03\x04 this is not really a zip", "not a PDF, PPTX or ODP"),
        ("notes.txt", b"Just some text", "not a PDF, PPTX or ODP"),
        ("bomb.pptx", zip_bomb_bytes(), "unpacks to far more"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    personas, client_for, circle_meeting, settings, name, content, message
):
    response = upload(client_for(personas.kartrekker), circle_meeting, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "meetings").exists()


def test_a_file_over_the_limit_is_refused_over_http(personas, client_for, circle_meeting, settings):
    settings.MEETING_ATTACHMENT_MAX_BYTES = 1024
    response = upload(client_for(personas.kartrekker), circle_meeting, "big.pdf", pdf_bytes() + b"0" * 2000)
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_200_mb_file_is_refused_before_it_is_read(personas, circle_meeting):
    uploaded = SimpleUploadedFile("huge.pdf", pdf_bytes(), content_type="application/pdf")
    uploaded.size = 200 * 1024 * 1024
    with pytest.raises(afterwards.AfterwardsError, match=r"too large \(200 MB\)\. The maximum is 20 MB"):
        afterwards.add_attachment(meeting=circle_meeting, uploaded=uploaded, title="", actor=personas.coordinator)
    assert not Attachment.objects.exists()
    assert not Report.objects.exists()


def test_a_missing_file_or_too_long_title_is_refused(personas, client_for, circle_meeting):
    client = client_for(personas.kartrekker)
    response = client.post(reverse("meetings:attachment_add", args=[circle_meeting.pk]), {"title": "Zonder bestand"})
    assert response.status_code == 400
    response = upload(client, circle_meeting, "a.pdf", pdf_bytes(), title="t" * 151)
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_uploading_is_for_organisers_only(personas, client_for, circle_meeting):
    for person in [personas.member, personas.outsider, personas.orgrep]:
        assert upload(client_for(person), circle_meeting, "a.pdf", pdf_bytes()).status_code == 403
    assert upload(client_for(personas.pending), circle_meeting, "a.pdf", pdf_bytes()).status_code == 404
    assert upload(client_for(None), circle_meeting, "a.pdf", pdf_bytes()).status_code == 302
    assert not Attachment.objects.exists()


# --- serving ------------------------------------------------------------------------------------


@pytest.fixture
def published_pdf(personas, circle_meeting):
    uploaded = SimpleUploadedFile('../../etc/passwd "x".pdf', pdf_bytes())
    attachment = afterwards.add_attachment(
        meeting=circle_meeting, uploaded=uploaded, title='Presentatie "8 februari"\r\n', actor=personas.coordinator
    )
    afterwards.publish_report(meeting=circle_meeting, visibility=Visibility.MEMBERS, actor=personas.coordinator)
    return attachment


def test_served_with_safe_headers(personas, client_for, published_pdf):
    response = client_for(personas.member).get(reverse("meetings:attachment", args=[published_pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="presentatie-8-februari.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "/" not in published_pdf.original_name


def test_served_only_to_those_who_may_read_the_report(personas, client_for, published_pdf):
    url = reverse("meetings:attachment", args=[published_pdf.pk])
    expected = {
        "visitor": 302,  # to the login page, then to the file
        "pending": 404,
        "member": 200,
        "outsider": 200,  # members visibility: every approved member
        "kartrekker": 200,
        "coordinator": 200,
        "orgrep": 200,
        "municipality": 200,
    }
    for name, status in expected.items():
        assert client_for(getattr(personas, name, None)).get(url).status_code == status, name
    assert client_for(personas.member).get(reverse("meetings:attachment", args=[999999])).status_code == 404


def test_attachment_of_an_unpublished_report_is_404_except_for_organisers(personas, client_for, circle_meeting):
    attachment = afterwards.add_attachment(
        meeting=circle_meeting,
        uploaded=SimpleUploadedFile("a.pdf", pdf_bytes()),
        title="",
        actor=personas.coordinator,
    )
    url = reverse("meetings:attachment", args=[attachment.pk])
    assert client_for(personas.member).get(url).status_code == 404
    assert client_for(personas.kartrekker).get(url).status_code == 200


def test_attachment_of_a_hidden_meeting_is_404_for_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    attachment = afterwards.add_attachment(
        meeting=meeting, uploaded=SimpleUploadedFile("a.odp", odp_bytes()), title="", actor=personas.coordinator
    )
    # A report for members (one for everyone is public: tests/meetings/test_archive.py).
    afterwards.publish_report(meeting=meeting, visibility=Visibility.MEMBERS, actor=personas.coordinator)
    url = reverse("meetings:attachment", args=[attachment.pk])
    assert client_for(personas.outsider).get(url).status_code == 404
    response = client_for(personas.member).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == afterwards.ODP


def test_removing_an_attachment_deletes_the_file(
    personas, client_for, circle_meeting, settings, django_capture_on_commit_callbacks
):
    attachment = afterwards.add_attachment(
        meeting=circle_meeting,
        uploaded=SimpleUploadedFile("a.pptx", pptx_bytes()),
        title="",
        actor=personas.coordinator,
    )
    path = settings.MEDIA_ROOT / attachment.file.name
    assert path.exists()
    url = reverse("meetings:attachment_delete", args=[circle_meeting.pk, attachment.pk])
    assert client_for(personas.member).post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(personas.kartrekker).post(url).status_code == 302
    assert not Attachment.objects.exists()
    assert not path.exists()
