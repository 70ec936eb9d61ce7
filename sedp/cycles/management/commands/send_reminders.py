from django.conf import settings
from django.core.management.base import BaseCommand

from sedp.cycles import selectors
from sedp.cycles.reminders import create_notifications, send_emails


class Command(BaseCommand):
    help = (
        "Create deadline reminders, due-today and overdue notices, escalate overdue tasks to the "
        "People's Committee above, and send their e-mails, for the tasks of the planning calendar "
        "and the M&E data collection tasks. Safe to run every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=settings.CYCLES_REMIND_DAYS_BEFORE)
        parser.add_argument(
            "--escalate-after", type=int, default=settings.CYCLES_ESCALATE_AFTER_DAYS
        )
        parser.add_argument("--base-url", default="", help="e.g. https://sedp.laocai.gov.vn")
        parser.add_argument("--no-email", action="store_true")

    def handle(self, *args, days_before, escalate_after, base_url, no_email, **options):
        created = create_notifications(
            day=selectors.today(), days_before=days_before, escalate_after=max(escalate_after, 1)
        )
        sent = 0 if no_email else send_emails(base_url=base_url)
        summary = ", ".join(f"{kind}: {n}" for kind, n in created.items())
        self.stdout.write(f"{summary}; e-mails sent: {sent}")
        # The M&E data collection tasks of official plans: same schedule, same rules.
        from sedp.monitoring.reminders import create_collection_notices, send_collection_emails

        created = create_collection_notices(
            day=selectors.today(), days_before=days_before, escalate_after=max(escalate_after, 1)
        )
        sent = 0 if no_email else send_collection_emails(base_url=base_url)
        summary = ", ".join(f"{kind}: {n}" for kind, n in created.items())
        self.stdout.write(f"collection tasks: {summary}; e-mails sent: {sent}")
