from django.core.management.base import BaseCommand

from sedp.cycles.loading import load_all_templates


class Command(BaseCommand):
    help = "Load (or refresh) the process templates of sedp/cycles/templates_data/; idempotent."

    def handle(self, *args, **options):
        for template in load_all_templates():
            self.stdout.write(
                f"{template.code} v{template.version}: {template.activities.count()} activities"
            )
