"""Monitoring and evaluation (theo dõi, đánh giá — TDĐG) of a plan.

The M&E framework (khung TDĐG, seed: principles IV.4, commune step 5, district step 5) is one
`FrameworkRow` per indicator and key activity of a plan: where the data comes from, which
agency collects it, how often, on which form, to whom, and by when after each period.

Once the plan is official, each row becomes `CollectionTask`s, one per period of the plan
year, for the collecting agency. A report on a task is stored on the task (a value for an
indicator row; status, % done and spending for an activity row, with evidence files), and
the row keeps the latest report so the dashboard reads one row per target.
"""

import datetime
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sedp.cycles.models import NotificationKind


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every 6 months")
    YEARLY = "yearly", _("Yearly")


# Periods per year, and the month each period ends in.
PERIODS = {
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.HALF_YEARLY: 2,
    Frequency.YEARLY: 1,
}


def period_end_month(frequency, number) -> int:
    return number * 12 // PERIODS[frequency]


def period_end(frequency, number, year) -> datetime.date:
    month = period_end_month(frequency, number)
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


# Default deadline rule: the report is due this many days after the period ends.
DEFAULT_DEADLINE_DAYS = 10
MAX_DEADLINE_DAYS = 60


class FrameworkRow(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="me_rows")
    # Exactly one of indicator / activity.
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="me_rows",
    )
    data_source = models.CharField(_("data source"), max_length=255, blank=True)
    collector = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("collected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="me_rows_collected",
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    report_form = models.CharField(_("reporting form"), max_length=255, blank=True)
    report_to = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("reported to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="me_rows_received",
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("days after the period to report"), default=DEFAULT_DEADLINE_DAYS
    )
    order = models.PositiveIntegerField(default=0)
    # The latest report (kept by services.py so that the dashboard reads one row per target).
    latest_period_end = models.DateField(null=True, blank=True)
    latest_share = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    latest_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    progress_status = models.CharField(max_length=20, blank=True)
    percent_done = models.PositiveSmallIntegerField(null=True, blank=True)
    spent = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=True, activity__isnull=False)
                | Q(indicator__isnull=False, activity__isnull=True),
                name="me_row_indicator_xor_activity",
            ),
            models.UniqueConstraint(
                fields=["plan", "indicator"],
                condition=Q(indicator__isnull=False),
                name="me_row_one_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["plan", "activity"],
                condition=Q(activity__isnull=False),
                name="me_row_one_per_activity",
            ),
        ]
        verbose_name = _("M&E framework row")
        verbose_name_plural = _("M&E framework")

    def __str__(self):
        return str(self.indicator or self.activity)

    @property
    def subject(self):
        return self.indicator or self.activity

    @property
    def missing(self) -> list[str]:
        """The fields still empty (labels), for the completeness check."""
        names = ["data_source", "collector", "frequency", "report_form", "report_to"]
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in names
            if not getattr(self, name if name in ("data_source", "frequency", "report_form")
                           else f"{name}_id")
        ]  # fmt: skip

    @property
    def is_complete(self) -> bool:
        return not self.missing


class FrameworkState(models.Model):
    """When a plan's framework was declared complete and when monitoring started."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="me_state")
    completed_at = models.DateTimeField(null=True, blank=True)
    monitoring_started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.plan_id)


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", pgettext_lazy("activity progress", "Completed")
    STALLED = "stalled", _("Stalled")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To report")
    REPORTED = "reported", _("Reported")


class CollectionTask(models.Model):
    """Report one period's actual value (or an activity's progress) for one framework row."""

    row = models.ForeignKey(FrameworkRow, on_delete=models.CASCADE, related_name="tasks")
    # Copied from the row and its plan so that scope and subtree filters join less.
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        "territory.Agency", on_delete=models.CASCADE, related_name="me_tasks"
    )
    unit = models.ForeignKey("territory.AdminUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    number = models.PositiveSmallIntegerField(_("period"))
    period_end = models.DateField(_("period ends"))
    due_date = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True)
    progress_status = models.CharField(
        _("progress"), max_length=20, choices=ProgressStatus.choices, blank=True
    )
    percent_done = models.PositiveSmallIntegerField(_("percentage done"), null=True)
    spent = models.BigIntegerField(_("spent so far (VND)"), null=True)
    note = models.TextField(_("note"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "row__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["row", "year", "number"], name="me_task_unique"),
        ]
        indexes = [models.Index(fields=["agency", "status", "due_date"])]
        verbose_name = _("data collection task")
        verbose_name_plural = _("data collection tasks")

    def __str__(self):
        return f"{self.row} — {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.frequency, self.number, self.year)

    @property
    def share(self):
        """The share of the year covered by this period (0.25 for the 1st quarter)."""
        return period_end_month(self.frequency, self.number) / 12


def period_label(frequency, number, year) -> str:
    if frequency == Frequency.MONTHLY:
        return str(_("Month %(n)s/%(year)s") % {"n": number, "year": year})
    if frequency == Frequency.QUARTERLY:
        return str(_("Quarter %(n)s/%(year)s") % {"n": number, "year": year})
    if frequency == Frequency.HALF_YEARLY:
        if number == 1:
            return str(_("First 6 months of %(year)s") % {"year": year})
        return str(_("Year %(year)s") % {"year": year})
    return str(_("Year %(year)s") % {"year": year})


class EvidenceStorage(FileSystemStorage):
    """Evidence files live outside the static and public folders and are served only by a
    scoped view; the folder is EVIDENCE_ROOT (env), read at each use so tests can move it."""

    @property
    def base_location(self):
        return str(settings.EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def evidence_storage():
    return EvidenceStorage()


class Evidence(models.Model):
    """A file proving an activity's progress (photo, minutes, acceptance record…)."""

    task = models.ForeignKey(CollectionTask, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="%Y/%m/", storage=evidence_storage, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.name


class ExplanationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")


class ExplanationRequest(models.Model):
    """Yêu cầu giải trình: a supervisor asks the responsible unit why a target is behind."""

    row = models.ForeignKey(FrameworkRow, on_delete=models.CASCADE, related_name="explanations")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("asked of"),
        on_delete=models.CASCADE,
        related_name="explanation_requests",
    )
    question = models.TextField(_("question"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExplanationStatus.choices, default="open"
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status"])]
        verbose_name = _("explanation request")
        verbose_name_plural = _("explanation requests")

    def __str__(self):
        return str(_("Explanation: %(subject)s") % {"subject": self.row})


class CollectionNotice(models.Model):
    """A reminder about a collection task, as the planning calendar's notices (same kinds):
    before the deadline, on it, after it, and escalated to the People's Committee above.
    Unique on (task, kind, agency): reminder runs that repeat or race insert nothing twice;
    also the e-mail outbox row (emailed_at)."""

    task = models.ForeignKey(CollectionTask, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    agency = models.ForeignKey(
        "territory.Agency", on_delete=models.CASCADE, related_name="me_notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "agency"], name="me_notice_unique")
        ]
        indexes = [models.Index(fields=["agency", "created_at"])]
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.task_id}"


class CollectionNoticeRead(models.Model):
    """That a user has seen a collection reminder: the notification centre lists these with
    the calendar's notices, and its badge counts those not read (cycles.notices)."""

    notice = models.ForeignKey(CollectionNotice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="me_notice_read_unique")
        ]

    def __str__(self):
        return f"{self.notice_id}/{self.user_id}"
