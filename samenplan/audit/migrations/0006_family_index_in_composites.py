import django.db.models.deletion
from django.db import migrations, models

# The family's own index is the first column of four others: dropped by name,
# because letting Django alter the field on SQLite rebuilds the table and
# with it would drop the append-only triggers (0004).
INDEX = "audit_auditevent_family_id_f99e1165"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_log_filter_indexes"),
        ("families", "0009_invitation_email_lower"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="family",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.family",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f"CREATE INDEX {INDEX} ON audit_auditevent (family_id)",
                ),
            ],
        ),
    ]
