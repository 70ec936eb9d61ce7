from django.core.management.base import BaseCommand

from sedp.territory.importing import import_units
from sedp.territory.models import AdminUnit
from sedp.territory.reference import ensure_sectors, ensure_structures, structure_file


class Command(BaseCommand):
    help = "Create Lào Cai's two territory structures (2015 and 2025) and the sector tree."

    def handle(self, *args, **options):
        for structure in ensure_structures():
            if AdminUnit.objects.filter(structure=structure).exists():
                self.stdout.write(f"{structure.code}: already loaded")
                continue
            path = structure_file(structure.code)
            report = import_units(
                user=None, structure=structure, filename=path.name, content=path.read_bytes()
            )
            self.stdout.write(f"{structure.code}: {report.total} units {report.created}")
        ensure_sectors()
