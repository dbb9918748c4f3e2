"""Tandems on the organisation representative's home page (registered with samenspel.core.home):
tandems without a coach, and enrolments in the learning trajectory that are in progress."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item, first

from .models import Enrolment, Tandem


def without_coach(user, organisations) -> list[Item]:
    """Per organisation, its tandems (not ended) that have no coach. One query."""
    counts = dict(
        Tandem.objects.filter(organisation__in=organisations, coach__isnull=True)
        .exclude(status=Tandem.Status.ENDED)
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    items = []
    for organisation in organisations:
        count = counts.get(organisation.pk, 0)
        if count:
            items.append(
                Item(
                    title=_("Tandems without a coach at %(organisation)s") % {"organisation": organisation.name},
                    url=reverse("tandems:org_detail", args=[organisation.slug]) + "#tandems",
                    text=ngettext("%(count)s tandem has no coach yet.", "%(count)s tandems have no coach yet.", count)
                    % {"count": count},
                    count=count,
                )
            )
    return items


def enrolments_in_progress(user, organisations) -> list[Item]:
    """The organisations' tandems that follow a learning trajectory now, with the modules done. One query."""
    enrolments, more = first(
        Enrolment.objects.filter(tandem__organisation__in=organisations, completed_on__isnull=True)
        .exclude(tandem__status=Tandem.Status.ENDED)
        .select_related("trajectory", "tandem__expert__member", "tandem__professional__member")
        .annotate(
            done=Count("progress", distinct=True),
            modules=Count("trajectory__modules", distinct=True),
        )
        .order_by("enrolled_on", "id")
    )
    items = [
        Item(
            title=_("%(tandem)s in %(trajectory)s")
            % {"tandem": str(enrolment.tandem), "trajectory": enrolment.trajectory.title},
            url=reverse("tandems:enrolment_detail", args=[enrolment.pk]),
            text=_("%(done)s of %(modules)s modules done.") % {"done": enrolment.done, "modules": enrolment.modules},
        )
        for enrolment in enrolments
    ]
    if more:
        items.append(Item(title=_("More tandems in a learning trajectory"), url=reverse("tandems:trajectory_list")))
    return items
