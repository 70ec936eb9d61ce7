"""The planning groups of commune step 1 (seed, commune step 1): the commune planning group
(Tổ công tác KH xã) and each village working group (Tổ công tác KH thôn), with their members.

A group is set up (thành lập / kiện toàn) for a report year X; its composition follows the
seed's rules, checked in services.py. A group belongs to the agency that acts for it (the
commune planning group, the village working group), so scope and roles come for free.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GroupLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune planning group")
    VILLAGE = "village", _("Village working group")


class WorkingGroup(models.Model):
    level = models.CharField(_("level"), max_length=10, choices=GroupLevel.choices)
    agency = models.ForeignKey(
        "territory.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("territory.AdminUnit", on_delete=models.CASCADE, related_name="+")
    report_year = models.PositiveSmallIntegerField(_("report year X"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path", "-report_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "report_year"], name="group_one_per_year"),
        ]
        verbose_name = _("planning group")
        verbose_name_plural = _("planning groups")

    def __str__(self):
        return f"{self.agency.name} ({self.report_year})"


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Group leader")
    SECRETARY = "secretary", pgettext_lazy("group role", "Secretary")
    MEMBER = "member", _("Member")


class MemberTitle(models.TextChoices):
    """The offices the seed asks of a group leader; OTHER for everyone else."""

    COMMUNE_CHAIRMAN = "ubnd_chairman", _("Chairman of the commune People's Committee")
    COMMUNE_VICE_CHAIRMAN = (
        "ubnd_vice_economy",
        _("Vice-chairman of the commune People's Committee (economy)"),
    )
    VILLAGE_HEAD = "village_head", _("Village head")
    PARTY_CELL_SECRETARY = "party_cell_secretary", _("Party cell secretary")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class GroupMember(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role in the group"), max_length=10, choices=MemberRole.choices)
    title = models.CharField(
        _("office"), max_length=30, choices=MemberTitle.choices, default=MemberTitle.OTHER
    )
    name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    poor_household = models.BooleanField(_("represents poor households"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "order", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self):
        return self.name
