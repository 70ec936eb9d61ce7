from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "sedp.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.documents import kinds

        kinds.register_all()
        register_verbs(
            {
                "document.requested": _("requested a document"),
                "document.generated": _("generated a document"),
            }
        )
