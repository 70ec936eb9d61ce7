"""Memberships: a user acts for an agency with one role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("Leader / approver")
    PLANNER = "planner", _("Planner / editor")
    MEMBER = "member", _("Member / contributor")
    VIEWER = "viewer", _("Viewer")


# Roles that may change their own agency's work; only leaders manage members.
EDITING_ROLES = {Role.LEADER, Role.PLANNER}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique"),
        ]
        permissions = [("manage_territory", "Can manage territory, sectors and agencies")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} — {self.agency} ({self.get_role_display()})"
