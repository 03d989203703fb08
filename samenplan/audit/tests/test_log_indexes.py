"""The access log's filters are served by indexes, not by reading the whole log."""

from datetime import date

from django.db import connection
from django.test import TestCase

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.lib.dates import local_midnight


class LogIndexTestCase(TestCase):
    def setUp(self):
        self.family = FamilyBuilder().family
        # A log with many people and pages, so that a filter on one of them is selective.
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_name=f"Bezoeker {n % 40}",
                family=self.family,
                data=f"pagina{n % 30}",
                action="view",
            )
            for n in range(1200)
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE audit_auditevent")
                # A small table may still be read whole; ask which index it *would* use.
                cursor.execute("SET LOCAL enable_seqscan = off")

    def plan_of(self, queryset) -> str:
        return queryset.order_by("-at", "-id")[:51].explain()

    def test_who_looked_uses_its_index(self):
        plan = self.plan_of(AuditEvent.objects.filter(family=self.family, actor_name="Eva"))
        self.assertIn("audit_family_who", plan)

    def test_what_was_looked_at_uses_its_index(self):
        plan = self.plan_of(AuditEvent.objects.filter(family=self.family, data="plan"))
        self.assertIn("audit_family_what", plan)

    def test_a_date_range_uses_the_family_and_moment_index(self):
        events = AuditEvent.objects.filter(
            family=self.family,
            at__gte=local_midnight(date(2026, 3, 1)),
            at__lt=local_midnight(date(2026, 4, 1)),
        )
        plan = self.plan_of(events)
        self.assertNotIn("SCAN audit_auditevent\n", plan + "\n")  # SQLite's full scan
        self.assertNotIn("Seq Scan", plan)
        self.assertRegex(plan, r"audit_audit_family_\w+_idx")

    def test_a_new_link_reads_only_the_newest_of_the_chain(self):
        # The chain's end is looked up on every page view: it must walk the
        # (family, -id) index from its end, not read the family's whole log.
        from django.test.utils import CaptureQueriesContext

        from samenplan.audit.chain import _last_hashes

        with CaptureQueriesContext(connection) as captured:
            last = _last_hashes(AuditEvent, {self.family.pk})
        newest = AuditEvent.objects.filter(family=self.family).order_by("-id").first()
        self.assertEqual(last[self.family.pk], newest.hash)
        self.assertEqual(len(captured), 1)
        with connection.cursor() as cursor:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            sql = captured[0]["sql"]
            cursor.execute(prefix + sql)
            plan = "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())
        # Backwards along an index, stopping at the first row: no sort, no full read.
        self.assertRegex(plan, r"audit_chain_end|Index Scan Backward")
        self.assertNotIn("Sort", plan)
        self.assertNotIn("Seq Scan", plan)
        self.assertNotIn("TEMP B-TREE", plan)
