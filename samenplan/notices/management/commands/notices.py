import time

from django.core.management.base import BaseCommand

from samenplan.notices.work import tick


class Command(BaseCommand):
    help = (
        "Reminders and mail: once a day every open family's waiting items are worked out "
        "again (dates come near); mail that is due (digests, after quiet hours, retries) "
        "goes to the task queue. Safe to run as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="keep running, once every SECONDS (for a small installation without cron)",
        )

    def handle(self, *args, every, **options):
        while True:
            done = tick()
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"families refreshed: {done['families']}, people with mail due: {done['mails']}"
                )
            if not every:
                return
            time.sleep(every)
