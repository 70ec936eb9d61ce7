from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sedp.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "meeting.recorded": _("recorded the meeting"),
                "meeting.updated": _("changed the meeting record"),
                "meeting.decided": _("recorded a decision of the meeting"),
                "disagreement.recorded": _("recorded a disagreement"),
                "disagreement.settled": _("recorded where a disagreement was settled"),
            }
        )
        from sedp.meetings.kickoff_documents import register_documents

        register_documents()
