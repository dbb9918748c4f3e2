"""Atom feed (django.contrib.syndication) of the newsletter's public editions.

Only editions that went out (sending or sent) and are readable by everyone: a members-only
edition or one still in preparation is never in the feed. Each entry links to the edition's
permanent page; its summary is the edition's introduction (Markdown sanitised with nh3).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .access import PUBLISHED
from .models import Edition

FEED_ITEMS = 50


class EditionsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Newsletter “Stand van zaken” of %(network)s") % {"network": settings.NETWORK_NAME}

    def subtitle(self):
        return _("News from the circles, meetings and consultations, a few times a year.")

    def link(self):
        return reverse("newsletter:archive")

    def items(self):
        return Edition.objects.filter(status__in=PUBLISHED, visibility=Edition.Visibility.PUBLIC).order_by(
            "-issue_date", "-id"
        )[:FEED_ITEMS]

    def item_title(self, edition: Edition):
        return edition.title

    def item_description(self, edition: Edition):
        return edition.introduction_html

    def item_link(self, edition: Edition):
        return reverse("newsletter:edition", args=[edition.pk])

    def item_pubdate(self, edition: Edition):
        return edition.sending_started_at

    def item_updateddate(self, edition: Edition):
        return edition.updated_at
