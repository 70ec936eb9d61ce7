"""The demo's planning cycles: report year 2026 on the seed's three-tier structure with the seed's
template, and on the two-tier structure with the two-tier template."""

from django.conf import settings

from sedp.cycles import selectors
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate
from sedp.cycles.reminders import create_notifications
from sedp.cycles.services import cycle_open
from sedp.territory.models import TerritoryStructure

DEMO_REPORT_YEAR = 2026
DEMO_CYCLES = [("laocai-2015", "laocai-1131-3cap"), ("laocai-2025", "laocai-1131-2cap")]


def open_demo_cycles() -> list[str]:
    load_all_templates()
    lines = []
    for structure_code, template_code in DEMO_CYCLES:
        structure = TerritoryStructure.objects.get(code=structure_code)
        template = ProcessTemplate.objects.get(code=template_code)
        cycle, new = cycle_open(
            user=None, template=template, structure=structure, report_year=DEMO_REPORT_YEAR
        )
        lines.append(f"{cycle}: {new} tasks")
    # The notices a reminder run would have created by today (no e-mail from the demo).
    created = create_notifications(
        day=selectors.today(),
        days_before=settings.CYCLES_REMIND_DAYS_BEFORE,
        escalate_after=settings.CYCLES_ESCALATE_AFTER_DAYS,
    )
    lines.append(f"notifications: {sum(created.values())}")
    return lines
