from django.core.management.base import BaseCommand, CommandError

from sedp.cycles.models import ProcessTemplate
from sedp.cycles.validation import validate_template


class Command(BaseCommand):
    help = "Report inconsistencies of a process template (all templates when no code is given)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*")

    def handle(self, *args, codes, **options):
        templates = ProcessTemplate.objects.all()
        if codes:
            templates = templates.filter(code__in=codes)
            if templates.count() != len(set(codes)):
                raise CommandError("Unknown template code; run load_process_templates first.")
        for template in templates:
            findings = validate_template(template)
            self.stdout.write(f"{template.code}: {len(findings)} findings")
            for finding in findings:
                self.stdout.write(f"  [{finding.severity}] {finding.check}: {finding.message}")
