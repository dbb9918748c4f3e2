"""The newsletter part of `make bench`: queue an edition for many recipients, send it, check each once
(one worker here; the run with two workers at once needs PostgreSQL, see bin/bench)."""

import pytest

from samenspel.demo.bench import newsletter as bench_newsletter
from samenspel.demo.bench import pages as bench
from samenspel.newsletter.models import Edition, Subscriber

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def test_the_run_queues_sends_each_address_once_and_cleans_up(settings):
    result = bench_newsletter.newsletter_run(recipients=300, workers=1, batch_size=40)

    assert result.passed, result.render()
    assert (result.sent, result.duplicates, result.missing, result.errors) == (300, 0, 0, 0)
    assert result.queue_peak_kib > 0 and result.queue_peak_tenth_kib > 0
    assert "| 300 |" in result.markdown()
    assert not Edition.objects.exists() and not Subscriber.objects.exists()


def test_the_command_prints_the_figures(capsys, settings, monkeypatch):
    monkeypatch.setattr(bench, "_setup_django", lambda: None)
    assert bench.main(["newsletter", "--recipients", "50", "--workers", "1"]) == 0
    assert "50 recipients queued" in capsys.readouterr().out


def test_subscribers_already_in_the_database_are_counted_apart(settings):
    """The bench database holds the demo's subscribers; the edition reaches them too (make bench failed on 3)."""
    from django.utils import timezone

    Subscriber.objects.create(
        email="demo-lezer@example.org", language="nl", text_version=1, text="demo", confirmed_at=timezone.now()
    )

    result = bench_newsletter.newsletter_run(recipients=120, workers=1, batch_size=40)

    assert result.passed, result.render()
    assert (result.sent, result.duplicates, result.missing) == (120, 0, 0)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["demo-lezer@example.org"]
