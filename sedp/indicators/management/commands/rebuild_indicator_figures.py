"""Recompute the maintained roll-up figures, e.g. after loading values in bulk."""

import time

from django.core.management.base import BaseCommand

from sedp.indicators import figures
from sedp.indicators.models import IndicatorFigure


class Command(BaseCommand):
    help = "Recompute the indicator roll-up figures of every unit (or of one report year)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="only this report year")

    def handle(self, *args, year=None, **options):
        start = time.perf_counter()
        figures.rebuild(year)
        count = IndicatorFigure.objects.filter(**({"report_year": year} if year else {})).count()
        self.stdout.write(f"{count} figures in {time.perf_counter() - start:.1f} s")
