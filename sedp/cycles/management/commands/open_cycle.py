from django.core.management.base import BaseCommand, CommandError

from sedp.cycles.models import ProcessTemplate
from sedp.cycles.services import cycle_open
from sedp.territory.models import TerritoryStructure


class Command(BaseCommand):
    help = "Open (or complete) the planning cycle of report year X on a structure."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="report year X")
        parser.add_argument("--template", required=True)
        parser.add_argument("--structure", required=True)

    def handle(self, *args, year, template, structure, **options):
        try:
            template = ProcessTemplate.objects.get(code=template)
            structure = TerritoryStructure.objects.get(code=structure)
        except (ProcessTemplate.DoesNotExist, TerritoryStructure.DoesNotExist) as error:
            raise CommandError(str(error)) from None
        cycle, new = cycle_open(user=None, template=template, structure=structure, report_year=year)
        self.stdout.write(f"{cycle}: {new} new tasks")
