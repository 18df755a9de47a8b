"""The audit log is append-only and tamper-evident."""

import io

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ducha.audit.models import AuditEvent
from ducha.audit.services import record
from ducha.audit.verify import verify_chain
from ducha.core.chain import preferred_algorithm
from ducha.testing import CastTestCase


def _drop_triggers():
    """What an attacker with database access would do first; rolled back with the test."""
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("DROP TRIGGER audit_event_no_update")
            c.execute("DROP TRIGGER audit_event_no_delete")
        else:
            c.execute("DROP TRIGGER audit_event_no_update_delete ON audit_auditevent")


def _raw(sql, params=()):
    with connection.cursor() as c:
        c.execute(sql, params)


def _verify_command():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue() + err.getvalue()


class AuditChainTests(CastTestCase):
    def test_cast_setup_leaves_an_intact_chain(self):
        verdict = verify_chain()
        self.assertTrue(verdict.ok, verdict.reason)
        self.assertEqual(verdict.count, AuditEvent.objects.count())

    def test_verify_audit_prints_the_count_and_exits_0(self):
        code, output = _verify_command()
        self.assertEqual(code, 0)
        self.assertIn(f"共 {AuditEvent.objects.count()} 条记录", output)

    def test_records_name_their_hash_algorithm(self):
        event = record(actor=self.office, action="org.unit.update", obj=self.unit_yuhu, after={"name": "x"})
        self.assertEqual(event.hash_alg, preferred_algorithm())
        self.assertEqual(event.hash_alg, "SM3")
        self.assertEqual(len(event.hash), 64)

    def test_each_record_links_to_the_one_before(self):
        first = record(actor=self.office, action="org.unit.update", obj=self.unit_yuhu, after={"a": 1})
        second = record(actor=self.office, action="org.unit.update", obj=self.unit_yuhu, after={"a": 2})
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(second.seq, first.seq + 1)

    def test_update_is_refused_by_the_database(self):
        seq = AuditEvent.objects.order_by("seq").first().seq
        with self.assertRaises(DatabaseError), transaction.atomic():
            _raw("UPDATE audit_auditevent SET actor_name = 'x' WHERE seq = %s", [seq])

    def test_delete_is_refused_by_the_database(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            _raw("DELETE FROM audit_auditevent")

    def test_orm_delete_is_refused_too(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEvent.objects.all().delete()

    def test_altered_record_is_named(self):
        _drop_triggers()
        _raw("UPDATE audit_auditevent SET object_repr = '被改过' WHERE seq = 5")
        code, output = _verify_command()
        self.assertEqual(code, 1)
        self.assertIn("第 5 条记录", output)
        self.assertIn("篡改", output)

    def test_altered_before_after_json_is_named(self):
        _drop_triggers()
        _raw("UPDATE audit_auditevent SET after = NULL WHERE seq = 3")
        self.assertEqual(verify_chain().bad_seq, 3)

    def test_deleted_record_is_named_by_the_gap(self):
        _drop_triggers()
        _raw("DELETE FROM audit_auditevent WHERE seq = 7")
        verdict = verify_chain()
        self.assertFalse(verdict.ok)
        self.assertEqual(verdict.bad_seq, 8)

    def test_reordered_records_are_detected(self):
        _drop_triggers()
        # swap the contents of records 4 and 5 by renumbering them
        _raw("UPDATE audit_auditevent SET seq = -1 WHERE seq = 4")
        _raw("UPDATE audit_auditevent SET seq = 4 WHERE seq = 5")
        _raw("UPDATE audit_auditevent SET seq = 5 WHERE seq = -1")
        verdict = verify_chain()
        self.assertFalse(verdict.ok)
        self.assertEqual(verdict.bad_seq, 4)

    def test_cut_tail_is_detected(self):
        last = AuditEvent.objects.order_by("-seq").first().seq
        _drop_triggers()
        _raw("DELETE FROM audit_auditevent WHERE seq = %s", [last])
        verdict = verify_chain()
        self.assertFalse(verdict.ok)
        self.assertEqual(verdict.bad_seq, last)

    def test_unknown_event_type_is_a_bug(self):
        with self.assertRaises(ValueError):
            record(actor=self.office, action="made.up", obj=self.unit_yuhu)


class AuditPageTests(CastTestCase):
    def test_auditor_filters_by_object(self):
        self.login(self.auditor)
        response = self.client.get("/audit/", {"object_type": "org.unit", "object_id": str(self.unit_yuhu.pk)})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "新增单位")
        self.assertContains(response, "雨湖区")
        self.assertNotContains(response, "岳塘区人民政府")

    def test_auditor_filters_by_person_and_day(self):
        self.login(self.auditor)
        today = AuditEvent.objects.first().at.date().isoformat()
        response = self.client.get("/audit/", {"actor": "管理员", "start": today, "end": today})
        self.assertContains(response, "新增人员")

    def test_admin_reads_the_audit_page(self):
        self.login(self.admin)
        self.assertEqual(self.client.get("/audit/").status_code, 200)

    def test_office_may_not_read_the_audit_log(self):
        self.login(self.office)
        self.assertEqual(self.client.get("/audit/").status_code, 403)

    def test_pages_by_keyset(self):
        for i in range(60):
            record(actor=self.office, action="org.unit.update", obj=self.unit_yuhu, after={"i": i})
        self.login(self.auditor)
        first = self.client.get("/audit/")
        self.assertEqual(len(first.context["events"]), 50)
        more = self.client.get("/audit/?" + first.context["next_query"], HTTP_HX_REQUEST="true")
        self.assertTemplateUsed(more, "audit/_rows.html")
        self.assertLess(more.context["events"][0].seq, first.context["events"][-1].seq)


class AuditTimeTests(CastTestCase):
    def test_a_record_made_with_a_local_clock_still_verifies(self):
        import datetime as dt
        from unittest import mock

        from django.utils import timezone

        local = dt.datetime(2017, 5, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        with mock.patch.object(timezone, "now", return_value=local):
            record(actor=self.office, action="org.unit.update", obj=self.unit_yuhu, after={"a": 1})
        self.assertTrue(verify_chain().ok)


class ChangesFilterTests(CastTestCase):
    def test_changes_are_listed_one_per_line_and_escaped(self):
        from ducha.audit.templatetags.audit import changes

        html = changes({"text": "<b>x</b>", "pollution_types": ["air", "water"], "is_key": True, "due_on": None})
        self.assertIn("<span><b>text</b>：&lt;b&gt;x&lt;/b&gt;</span>", html)
        self.assertIn("<b>pollution_types</b>：air、water", html)
        self.assertIn("<b>is_key</b>：是", html)
        self.assertIn("<b>due_on</b>：—", html)
