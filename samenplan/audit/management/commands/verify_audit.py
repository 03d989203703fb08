from django.core.management.base import BaseCommand, CommandError

from samenplan.audit.chain import verify
from samenplan.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Check the hash chain of the audit log: every event must carry the hash of the one "
        "before it in its family. Prints the first broken link of each chain; exits with 1 "
        "when there is one."
    )

    def handle(self, *args, **options):
        broken = verify(AuditEvent)
        if not broken:
            self.stdout.write(f"audit log intact: {AuditEvent._base_manager.count()} events")
            return
        for row in broken:
            family = row["family"] if row["family"] is not None else "-"
            self.stdout.write(f"broken: family {family}, event {row['event']} ({row['problem']})")
        raise CommandError(f"{len(broken)} chain(s) broken")
