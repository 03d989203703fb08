from django.core.management.base import BaseCommand

from samenplan.families.retention import destroy_family, due_families, retention_years


class Command(BaseCommand):
    help = (
        "Destroy closed families whose legal term has ended. A dry run unless --apply is given: "
        "it prints what it would destroy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Really destroy.")

    def handle(self, *args, apply=False, **options):
        families = list(due_families())
        years = retention_years()
        if not families:
            self.stdout.write(f"Niets te vernietigen (bewaartermijn {years} jaar na afsluiten).")
            return
        for family in families:
            closed = family.closed_at.date().isoformat()
            if apply:
                record = destroy_family(family, reason="retention")
                total = sum(record.rows.values())
                self.stdout.write(
                    f"Vernietigd: gezin nummer {family.pk} (afgesloten {closed}), {total} rijen."
                )
            else:
                self.stdout.write(
                    f"Zou vernietigen: gezin nummer {family.pk} (afgesloten {closed}). "
                    "Gebruik --apply om echt te vernietigen."
                )
