"""Atom feed (django.contrib.syndication) of published reactienota's: what was done with the comments.

Only what a visitor may read: rounds on a published version of a public document whose
reactienota is published. Rounds on members-only documents never appear.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .models import Comment, Round, Version

FEED_ITEMS = 50


def published_reactienotas():
    """Public rounds with a published reactienota, the latest first, each with its count per outcome."""
    counts = {
        f"outcome_{value}": Count("comments", filter=Q(comments__withdrawn_at__isnull=True, comments__outcome=value))
        for value in Comment.Outcome.values
    }
    return (
        Round.objects.filter(
            reactienota_published_at__isnull=False,
            version__status=Version.Status.PUBLISHED,
            version__document__is_public=True,
            version__document__circle__isnull=True,
        )
        .select_related("version__document")
        .annotate(**counts)
        .order_by("-reactienota_published_at", "-id")[:FEED_ITEMS]
    )


class ReactienotaFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(network)s: reactienota's") % {"network": settings.NETWORK_NAME}

    def subtitle(self):
        return _("What we did with every comment in a consultation round.")

    def link(self):
        return reverse("consultations:round_list")

    def items(self):
        return published_reactienotas()

    def item_title(self, round_: Round):
        return _("Reactienota: %(round)s") % {"round": round_.title}

    def item_description(self, round_: Round):
        document = round_.version.document
        outcomes = [
            (label, getattr(round_, f"outcome_{value}"))
            for value, label in Comment.Outcome.choices
            if getattr(round_, f"outcome_{value}")
        ]
        return format_html(
            "<p>{}</p><ul>{}</ul>",
            _("On %(document)s, version %(version)s.") % {"document": document.title, "version": round_.version.label},
            format_html_join("", "<li>{}: {}</li>", outcomes),
        )

    def item_link(self, round_: Round):
        return reverse("consultations:reactienota", args=[round_.pk])

    def item_pubdate(self, round_: Round):
        return round_.reactienota_published_at
