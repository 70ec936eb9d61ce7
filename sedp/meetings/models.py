"""Meetings (village meetings, kick-off, conferences), their decisions and disagreements.

The seed is built around meetings, so they are first class: a Meeting belongs to a unit
and usually to the plan it discusses; attendance is counted by sex and ethnic minority
(and by agency for conferences); decisions may change an activity, and each such change
is recorded as its Decision.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    VILLAGE_MEETING = "village_meeting", _("Village meeting")
    WORKING_GROUP = "working_group", _("Working group meeting")
    KICKOFF = "kickoff", _("Kick-off meeting")
    COMMUNE_CONFERENCE = "commune_conference", _("Commune planning conference")
    DISTRICT_CONFERENCE = "district_conference", _("District planning conference")
    PROVINCE_CONFERENCE = "province_conference", _("Provincial planning conference")
    SECTOR_CONFERENCE = "sector_conference", _("Sector planning conference")
    CONSULTATION = "consultation", _("Community consultation")


# The seed names a district conference by the plan it discusses: on the directional plan it
# is conference 1 (district step 3), on the district plan conference 2 (step 4-5), which is
# the kind's own label; a consultation on the directional plan is a dialogue with
# enterprises, not villagers. Keyed by (meeting kind, plan kind).
PLAN_MEETING_TITLES = {
    (MeetingKind.DISTRICT_CONFERENCE, "district_orientation"): _(
        "Conference 1 (preparing the district plan)"
    ),
    (MeetingKind.CONSULTATION, "district_orientation"): _("Dialogue with enterprises"),
}


def meeting_title(kind, plan_kind=None) -> str:
    """What pages, lists and documents call a meeting of `kind` on a plan of `plan_kind`."""
    return str(PLAN_MEETING_TITLES.get((kind, plan_kind)) or MeetingKind(kind).label)


class Meeting(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    unit = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions_text = models.TextField(_("decisions"), blank=True)
    men = models.PositiveIntegerField(_("men attending"), default=0)
    women = models.PositiveIntegerField(_("women attending"), default=0)
    ethnic_minority = models.PositiveIntegerField(_("of whom ethnic minority people"), default=0)
    poor_households = models.PositiveIntegerField(_("of whom from poor households"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} {self.date:%d/%m/%Y} — {self.unit.name}"

    @property
    def title(self) -> str:
        return meeting_title(self.kind, self.plan.kind if self.plan_id else None)

    @property
    def total_attending(self) -> int:
        return self.men + self.women


class AgencyAttendance(models.Model):
    """How many people an agency sent to a meeting (conferences list their participants)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(
        "territory.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    people = models.PositiveIntegerField(_("people"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="attendance_unique"),
        ]

    def __str__(self):
        return f"{self.agency} ({self.people})"


class Decision(models.Model):
    """One decision of a meeting; when it changes an activity, the change is in `payload`."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]

    def status_change(self) -> str:
        """'Chưa rõ nguồn vốn → Có khả năng huy động vốn' when the decision moved the activity."""
        from sedp.activities.models import ActivityStatus

        before = self.payload.get("before", {}).get("status")
        after = self.payload.get("after", {}).get("status")
        if not before or before == after:
            return ""
        return f"{ActivityStatus(before).label} → {ActivityStatus(after).label}"


class Disagreement(models.Model):
    """Where parties disagree (subject, who, their positions) and where it was settled."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="disagreements")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="disagreements"
    )
    subject = models.CharField(_("subject"), max_length=500)
    parties = models.ManyToManyField(
        "territory.Agency", verbose_name=_("parties"), blank=True, related_name="+"
    )
    positions = models.TextField(_("positions"), blank=True)
    arguments = models.TextField(_("arguments"), blank=True)
    # How the parties agreed (the meeting is `meeting`, the place in `settled_where`).
    outcome = models.TextField(_("how it was settled"), blank=True)
    settled_where = models.CharField(_("where it was settled"), max_length=255, blank=True)
    settled = models.BooleanField(_("settled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("disagreement")
        verbose_name_plural = _("disagreements")

    def __str__(self):
        return self.subject
