"""The motion monitor: the three-level self-assessment, periods (quarters) and frozen snapshots.

Indicators are computed from the organisations' own data (samenspel.tandems) — never typed
twice. Closing a period freezes a snapshot per organisation and for the city, so trends stay
honest; a later correction to a closed period is recorded as a Correction, not rewritten.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    """A quarter."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2021), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "quarter"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="one_period_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 3 * (self.quarter - 1) + 1, 1)

    @property
    def ends_on(self) -> datetime.date:
        """The last day of the quarter."""
        if self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class LevelAssessment(models.Model):
    """An organisation's self-assessment of one of the three levels in one period."""

    class Level(models.TextChoices):
        BOARD = "board", _("Board")
        TEAM_LEADERS = "team_leaders", _("Team leaders")
        PROFESSIONALS = "professionals", _("Professionals")

    class Step(models.IntegerChoices):
        AWARE = 1, _("Aware")
        COMMITTED = 2, _("Committed")
        IMPLEMENTING = 3, _("Implementing")
        EMBEDDED = 4, _("Embedded")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="level_assessments"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="assessments")
    level = models.CharField(_("level"), max_length=15, choices=Level.choices)
    step = models.PositiveSmallIntegerField(_("how far"), choices=Step.choices)
    explanation = models.TextField(_("explanation"), max_length=2000)
    evidence = models.TextField(_("evidence"), max_length=2000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "organisation", "level"]
        verbose_name = _("three-level assessment")
        verbose_name_plural = _("three-level assessments")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period", "level"], name="one_assessment_per_level_period"),
            models.CheckConstraint(condition=Q(step__gte=1) & Q(step__lte=4), name="assessment_step_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.period} {self.level}={self.step}"


class Snapshot(models.Model):
    """The indicators of one organisation (or the city, organisation empty) in a closed period, frozen."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="snapshots")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="snapshots"
    )
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "organisation"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation"], name="one_snapshot_per_period_org"),
            models.UniqueConstraint(
                fields=["period"], condition=Q(organisation__isnull=True), name="one_city_snapshot_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"snapshot {self.period} {self.organisation_id or 'city'}"


class Correction(models.Model):
    """A correction to a closed period's figure, recorded as such (the snapshot keeps its history here)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="corrections")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=60)
    old_value = models.JSONField(_("old value"), null=True)
    new_value = models.JSONField(_("new value"), null=True)
    reason = models.TextField(_("reason"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "recorded_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"correction {self.period} {self.organisation_id} {self.indicator}"
