from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sedp.territory.importing import ImportFailed, import_units
from sedp.territory.models import TerritoryStructure


class Command(BaseCommand):
    help = "Import administrative units (e.g. villages) from a CSV/XLSX file in the NSO layout."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--structure", required=True, help="structure code, e.g. laocai-2025")

    def handle(self, *args, file, structure, **options):
        try:
            target = TerritoryStructure.objects.get(code=structure)
        except TerritoryStructure.DoesNotExist:
            raise CommandError(f"Unknown structure {structure!r}") from None
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = import_units(
                user=None, structure=target, filename=file.name, content=file.read_bytes()
            )
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(failure.errors)} errors; nothing was imported") from None
        self.stdout.write(f"Imported {report.total} units: {report.created}")
