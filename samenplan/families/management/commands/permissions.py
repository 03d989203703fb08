"""Print who may do what: every declared action and its rule, as a Markdown table."""

from django.core.management.base import BaseCommand

from samenplan.families.permissions import ACTIONS


class Command(BaseCommand):
    help = "Print the table of actions and who may do them (docs/access.md holds a copy)."

    def handle(self, *args, **options):
        self.stdout.write("| action | who | closed family | asks first | notes |")
        self.stdout.write("|---|---|---|---|---|")
        for name in sorted(ACTIONS):
            action = ACTIONS[name]
            if action.read:
                closed = "yes (a read)"
            elif action.when_closed:
                closed = "yes"
            else:
                closed = "no"
            asks = "yes" if action.confirm else ""
            self.stdout.write(
                f"| `{name}` | {action.who.label} | {closed} | {asks} | {action.doc} |"
            )
        self.stdout.write("")
        self.stdout.write(
            "Emergency access allows reads only; every action above that is not a read "
            "is refused under it."
        )
