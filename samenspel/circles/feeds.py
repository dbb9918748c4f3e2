"""Atom feed (django.contrib.syndication) of a circle's updates.

Active circles and their updates are public (the circle page shows them to everyone); an inactive
or unknown circle has no feed (404), as it has no page.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Circle, CircleUpdate

FEED_ITEMS = 50


class CircleUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Circle, slug=slug, is_active=True)

    def title(self, circle: Circle):
        return _("%(circle)s: updates") % {"circle": circle.name}

    def subtitle(self, circle: Circle):
        return _("News from %(circle)s of %(network)s.") % {"circle": circle.name, "network": settings.NETWORK_NAME}

    def link(self, circle: Circle):
        return reverse("circles:detail", args=[circle.slug])

    def items(self, circle: Circle):
        return (
            CircleUpdate.objects.filter(circle=circle)
            .select_related("author", "circle")
            .order_by("-published_at", "-id")[:FEED_ITEMS]
        )

    def item_title(self, update: CircleUpdate):
        return update.title

    def item_description(self, update: CircleUpdate):
        return update.body_html  # Markdown sanitised with nh3 when saved (samenspel.lib.markdown)

    def item_link(self, update: CircleUpdate):
        return reverse("circles:updates", args=[update.circle.slug]) + f"#update-{update.pk}"

    def item_author_name(self, update: CircleUpdate):
        return update.author.name if update.author_id else None

    def item_pubdate(self, update: CircleUpdate):
        return update.published_at

    def item_updateddate(self, update: CircleUpdate):
        return update.updated_at
