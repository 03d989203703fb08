"""Restore a backup made by ``manage.py backup`` into an empty database.

Refuses a database that already holds tables: restoring never mixes two
states of the data. Make a new, empty database (or remove the SQLite file)
and point DATABASE_URL at it first.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import pg_args


class Command(BaseCommand):
    help = "Restore PATH (a backup from manage.py backup) into the empty database of DATABASE_URL."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        if connection.introspection.table_names():
            raise CommandError("The database is not empty: restore only into an empty database.")
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            connection.close()
            backup = sqlite3.connect(source)
            target = sqlite3.connect(settings_dict["NAME"])
            with target:
                backup.backup(target)
            target.close()
            backup.close()
        elif connection.vendor == "postgresql":
            program = shutil.which("pg_restore")
            if not program:
                raise CommandError("pg_restore not found (Debian: postgresql-client).")
            extra, env = pg_args(settings_dict)
            connection.close()
            subprocess.run(  # noqa: S603 - a list of arguments from the settings, no shell
                [
                    program,
                    "--no-owner",
                    "--exit-on-error",
                    *extra,
                    "--dbname",
                    settings_dict["NAME"],
                    str(source),
                ],
                check=True,
                env={**os.environ, **env},
            )
        else:
            raise CommandError(f"No restore for {connection.vendor}.")
        self.stdout.write(f"restored {source}")
