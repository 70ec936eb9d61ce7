from django.core.management.base import BaseCommand

from sedp.monitoring.services import start_monitoring_of_approved_plans


class Command(BaseCommand):
    help = "Create the data collection tasks of every official plan with a complete M&E framework."

    def handle(self, *args, **options):
        created = start_monitoring_of_approved_plans()
        self.stdout.write(f"{created} data collection tasks created.")
