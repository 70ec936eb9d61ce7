from django.core.management.base import BaseCommand
from django.utils import translation

from sedp.demo import load_demo, login_table


class Command(BaseCommand):
    help = "Load the Lào Cai demo (territory, sectors, agencies, villages, users). Idempotent."

    def handle(self, *args, **options):
        translation.activate("vi")
        load_demo(stdout=self.stdout)
        self.stdout.write("\nTài khoản demo:\n" + login_table())
