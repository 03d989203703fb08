"""A consistent copy of the whole database, while the app runs.

SQLite: the online backup API (safe during writes, unlike copying the file).
PostgreSQL: ``pg_dump --format=custom`` (restore with ``manage.py restore``).
"""

import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_args(settings_dict) -> tuple[list[str], dict]:
    args, env = [], {}
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


class Command(BaseCommand):
    help = "Back up the database to PATH (default: backups/samenplan-<date>.<sqlite3|dump>)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="")

    def handle(self, *args, path, **options):
        import os

        vendor = connection.vendor
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(
            path or f"backups/samenplan-{stamp}.{'sqlite3' if vendor == 'sqlite' else 'dump'}"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        settings_dict = connection.settings_dict
        if vendor == "sqlite":
            source = sqlite3.connect(settings_dict["NAME"])
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        elif vendor == "postgresql":
            program = shutil.which("pg_dump")
            if not program:
                raise CommandError("pg_dump not found (Debian: postgresql-client).")
            extra, env = pg_args(settings_dict)
            subprocess.run(  # noqa: S603 - a list of arguments from the settings, no shell
                [
                    program,
                    "--format=custom",
                    "--no-owner",
                    *extra,
                    "--file",
                    str(target),
                    settings_dict["NAME"],
                ],
                check=True,
                env={**os.environ, **env},
            )
        else:
            raise CommandError(f"No backup for {vendor}.")
        self.stdout.write(str(target))
