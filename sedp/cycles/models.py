"""Process templates (the seed's steps and activities as data), cycles and their tasks.

A template is loaded from a versioned file in templates_data/ (see loading.py); a cycle
instantiates it on a territory structure for report year X into dated tasks, one per
(activity, responsible agency).
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StructureKind(models.TextChoices):
    THREE_TIER = "three_tier", _("Three tiers: province, district, commune")
    TWO_TIER = "two_tier", _("Two tiers: province, commune")


class ProcessTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    version = models.PositiveIntegerField(_("version"), default=1)
    structure_kind = models.CharField(
        _("structure kind"), max_length=20, choices=StructureKind.choices
    )
    levels = models.JSONField(_("levels"), default=list)
    source = models.CharField(
        pgettext_lazy("process template", "source"), max_length=300, blank=True
    )
    # The file it was loaded from; empty for a province's copy, which is edited in the app.
    source_file = models.CharField(max_length=200, blank=True, editable=False)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    province = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_templates",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def is_editable(self) -> bool:
        """Files are the source of the shipped templates; only copies change in the app."""
        return not self.source_file


def _ddmm(month, day) -> str:
    return f"{day:02d}/{month:02d}"


class Step(models.Model):
    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="steps")
    level_code = models.SlugField(_("level"), max_length=30)
    number = models.PositiveSmallIntegerField(_("step"))
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    start_month = models.PositiveSmallIntegerField()
    start_day = models.PositiveSmallIntegerField()
    end_month = models.PositiveSmallIntegerField()
    end_day = models.PositiveSmallIntegerField()
    window_text = models.CharField(_("time"), max_length=200, blank=True)

    class Meta:
        ordering = ["template", "number", "level_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "level_code", "number"], name="step_number_unique"
            )
        ]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def window_label(self) -> str:
        start, end = _ddmm(self.start_month, self.start_day), _ddmm(self.end_month, self.end_day)
        return f"{start}–{end}"

    def start_in(self, year: int) -> datetime.date:
        return datetime.date(year, self.start_month, self.start_day)

    def end_in(self, year: int) -> datetime.date:
        return datetime.date(year, self.end_month, self.end_day)


class DeadlineBasis(models.TextChoices):
    SEED = "seed", _("Date given by the procedure")
    STATED = "stated", _("Date chosen where the procedure gives none")


class Activity(models.Model):
    template = models.ForeignKey(
        ProcessTemplate, on_delete=models.CASCADE, related_name="activities"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="activities")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=400)
    deadline_month = models.PositiveSmallIntegerField()
    deadline_day = models.PositiveSmallIntegerField()
    deadline_text = models.CharField(_("deadline in the procedure"), max_length=300, blank=True)
    deadline_basis = models.CharField(
        _("deadline basis"), max_length=10, choices=DeadlineBasis.choices, default="seed"
    )
    note = models.TextField(_("note"), blank=True)
    participants = models.JSONField(_("participants"), default=list, blank=True)
    waits_for = models.ManyToManyField(
        "self", symmetrical=False, related_name="feeds", blank=True, verbose_name=_("waits for")
    )

    class Meta:
        ordering = ["template", "step__number", "step__level_code", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="activity_code_unique")
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def deadline_label(self) -> str:
        return _ddmm(self.deadline_month, self.deadline_day)

    def deadline_in(self, year: int) -> datetime.date:
        return datetime.date(year, self.deadline_month, self.deadline_day)


class Responsibility(models.Model):
    """Agencies of `kind` at units of level `level_code` carry the activity (one task each)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="responsibilities"
    )
    level_code = models.SlugField(max_length=30)
    kind = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "level_code", "kind"], name="responsibility_unique"
            )
        ]

    def __str__(self):
        return f"{self.level_code}:{self.kind}"

    @property
    def kind_label(self) -> str:
        from sedp.territory.models import AgencyKind

        return AgencyKind(self.kind).label if self.kind in AgencyKind.values else self.kind


class IOType(models.TextChoices):
    FORM = "form", _("Form")
    PLAN_VERSION = "plan_version", _("Plan version")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")


class ActivityIO(models.Model):
    """One input an activity needs or one output it produces; `code` is the stable key."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="ios")
    is_output = models.BooleanField()
    io_type = models.CharField(max_length=20, choices=IOType.choices)
    code = models.CharField(max_length=80, db_index=True)
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["activity", "-is_output", "id"]

    def __str__(self):
        return self.name


class CycleState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PlanCycle(models.Model):
    """One planning year: report year X, plan year X+1, on one territory structure."""

    report_year = models.PositiveSmallIntegerField(_("report year (X)"))
    template = models.ForeignKey(
        ProcessTemplate,
        verbose_name=_("process template"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    structure = models.ForeignKey(
        "territory.TerritoryStructure",
        verbose_name=_("territory structure"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CycleState.choices, default=CycleState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-report_year", "structure"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "report_year"], name="cycle_year_unique")
        ]
        verbose_name = _("planning cycle")
        verbose_name_plural = _("planning cycles")

    def __str__(self):
        return _("Plan year %(plan)s (report year %(report)s) — %(structure)s") % {
            "plan": self.plan_year,
            "report": self.report_year,
            "structure": self.structure.name,
        }

    @property
    def plan_year(self) -> int:
        return self.report_year + 1


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")


class Task(models.Model):
    cycle = models.ForeignKey(PlanCycle, on_delete=models.CASCADE, related_name="tasks")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="tasks")
    agency = models.ForeignKey("territory.Agency", on_delete=models.CASCADE, related_name="tasks")
    # The agency's unit, copied so that tree roll-ups join one table less.
    unit = models.ForeignKey("territory.AdminUnit", on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.TextField(_("evidence"), blank=True)
    output_event = models.ForeignKey(
        "core.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "activity__code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "activity", "agency"], name="task_unique")
        ]
        indexes = [models.Index(fields=["agency", "status", "due_date"])]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return f"{self.activity.code} — {self.agency.name}"

    @property
    def is_done(self) -> bool:
        return self.status == TaskStatus.DONE

    @property
    def done_on_time(self) -> bool:
        return self.is_done and self.done_at is not None and self.done_at.date() <= self.due_date


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A secret URL serving an agency's tasks as iCalendar; rotate by deleting the row."""

    agency = models.OneToOneField(
        "territory.Agency", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.agency_id)


class NotificationKind(models.TextChoices):
    BEFORE = "before", _("Deadline approaching")
    DUE = "due", _("Due today")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Escalated")


class Notification(models.Model):
    """An in-app notice, also the e-mail outbox row: (task, kind, recipient agency) is unique,
    so a reminder run that races another inserts nothing twice."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    agency = models.ForeignKey(
        "territory.Agency", on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "agency"], name="notification_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.task_id}"


class NotificationRead(models.Model):
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "user"], name="notification_read_unique"
            )
        ]

    def __str__(self):
        return f"{self.notification_id}/{self.user_id}"
