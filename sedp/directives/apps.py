from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "sedp.directives"
    label = "directives"
    verbose_name = _("Official documents")

    def ready(self):
        from sedp.core.events import register_verbs
        from sedp.directives import hooks

        register_verbs(
            {
                "document.issued": _("issued the document"),
                "document.read": _("read the document"),
            }
        )
        hooks.register_work_pages()
        from sedp.directives.documents import register_documents

        register_documents()
