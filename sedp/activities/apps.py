from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "sedp.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "activity.created": _("added the activity"),
                "activity.updated": _("changed the activity"),
                "activity.deleted": _("deleted the activity"),
                "activity.status_changed": _("changed the activity's status"),
                "activity.merged": _("merged duplicate activities"),
                "result.added": _("added to the results chain"),
                "result.deleted": _("removed from the results chain"),
                "activity.feasibility_reviewed": _("reviewed the activity's feasibility"),
                "plan.envelopes_set": _("recorded the funding envelopes"),
            }
        )
