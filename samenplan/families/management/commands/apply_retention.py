import getpass

from django.core.management.base import BaseCommand, CommandError

from samenplan.families.retention import destroy_family, due_families, term_for


class Command(BaseCommand):
    help = (
        "Destroy closed families whose legal term has ended. A dry run unless --apply is given: "
        "it prints what it would destroy. Each destruction leaves a record with the operator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Really destroy.")
        parser.add_argument(
            "--operator", default="", help="Who runs this (default: the system user)."
        )

    def handle(self, *args, apply=False, operator="", **options):
        operator = (operator or getpass.getuser() or "").strip()
        if apply and not operator:
            raise CommandError("Zeg met --operator wie dit uitvoert.")
        families = list(due_families())
        if not families:
            self.stdout.write("Niets te vernietigen: bij geen enkel gezin is de termijn voorbij.")
            return
        for family in families:
            term = term_for(family)
            closed = family.closed_at.date().isoformat()
            if apply:
                record = destroy_family(
                    family,
                    reason="retention",
                    basis=f"bewaartermijn voorbij: {term.basis}",
                    operator=operator,
                )
                total = sum(record.rows.values())
                self.stdout.write(
                    f"Vernietigd: gezin nummer {record.family_number} (afgesloten {closed}), "
                    f"{total} rijen, {record.accounts_removed} accounts."
                )
            else:
                self.stdout.write(
                    f"Zou vernietigen: gezin nummer {family.pk} (afgesloten {closed}, "
                    f"bewaren tot {term.until.isoformat()}). "
                    "Gebruik --apply om echt te vernietigen."
                )
