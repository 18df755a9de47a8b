"""Importing the 整改任务清单: exact values, merged cells, all or nothing, idempotent."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command

from ducha.audit.models import AuditEvent
from ducha.core.parsing.tasks import DEADLINE_UNREADABLE, UNIT_UNKNOWN
from ducha.errors import NotPermitted
from ducha.rectification.models import Finding, Task, UnitRole
from ducha.rectification.tests.support import (
    FINDINGS,
    UNIT_NAMES,
    FindingSpec,
    RectificationTestCase,
    TaskSpec,
    import_list,
    write_task_list,
)


def run_command(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import_tasks", *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def unit_names(task: Task) -> list[str]:
    return [tu.unit.name for tu in task.task_units.select_related("unit").order_by("position")]


class ImportTests(RectificationTestCase):
    imported = False

    def test_counts_findings_and_tasks(self):
        result = import_list(self.office, self.inspection)
        self.assertEqual(result.errors, [])
        self.assertEqual((result.findings, result.tasks, result.created, result.updated), (3, 6, 6, 0))
        self.assertEqual(Finding.objects.filter(inspection=self.inspection).count(), 3)
        self.assertEqual(Task.objects.filter(finding__inspection=self.inspection).count(), 6)

    def test_every_task_has_its_findings_merged_values(self):
        for layout in ("merged", "blank"):
            import_list(self.office, self.inspection, layout=layout)
            for fn, f in enumerate(FINDINGS, start=1):
                finding = Finding.objects.get(inspection=self.inspection, number=fn)
                self.assertEqual((finding.text, finding.leader_names), (f.text, f.leader))
                for tn, spec in enumerate(f.tasks, start=1):
                    task = finding.tasks.get(number=tn)
                    with self.subTest(layout=layout, finding=fn, task=tn):
                        self.assertEqual(task.measures, spec.measures)
                        self.assertEqual(task.target, spec.target if spec.target is not None else f.target)
                        self.assertEqual(task.leader, f.leader)
                        if fn != 3:  # finding 3 names a group; see the next test
                            self.assertEqual(unit_names(task), [UNIT_NAMES[i] for i in spec.expect_units])
                            self.assertEqual(task.lead_unit.name, UNIT_NAMES[spec.expect_units[0]])

    def test_the_marked_lead_unit_leads_and_the_county_group_expands(self):
        import_list(self.office, self.inspection)
        task = self.task(3, 1)
        self.assertEqual(task.lead_unit.name, "湘潭市农业农村局")
        self.assertEqual(unit_names(task), ["湘潭市农业农村局", "雨湖区人民政府", "岳塘区人民政府"])
        roles = list(task.task_units.order_by("position").values_list("role", flat=True))
        self.assertEqual(roles, [UnitRole.LEAD, UnitRole.SUPPORT, UnitRole.SUPPORT])

    def test_deadlines_become_kinds_and_dates(self):
        import_list(self.office, self.inspection)
        t = self.task(1, 3)
        self.assertEqual((t.is_immediate, t.is_deadline, t.is_ongoing, t.due_date), (True, False, True, None))
        t = self.task(3, 1)
        self.assertEqual((t.is_immediate, t.is_deadline, t.is_ongoing), (False, True, True))
        self.assertEqual((t.due_date, t.deadline_text), (dt.date(2019, 3, 31), "2019年3月底前完成，长期坚持"))
        self.assertEqual(self.task(2, 1).due_date, dt.date(2019, 9, 30))  # an Excel date cell

    def test_an_unreadable_deadline_is_kept_as_written_and_flagged(self):
        result = import_list(self.office, self.inspection)
        self.assertEqual(result.needs_review, [{"finding": 2, "task": 2, "raw": "2019年汛期前", "row": 9}])
        self.assertIn(DEADLINE_UNREADABLE, [w["message"] for w in result.warnings])
        t = self.task(2, 2)
        self.assertEqual((t.deadline_text, t.due_date, t.needs_review), ("2019年汛期前", None, True))
        self.assertEqual((t.is_immediate, t.is_deadline, t.is_ongoing), (False, False, False))

    def test_an_unknown_unit_is_a_located_error_and_nothing_is_written(self):
        bad = FINDINGS + [
            FindingSpec("问题四", "目标", "陈建国", [TaskSpec("措施", "市环保局、市水利局", "2019年底前", ())])
        ]
        before = AuditEvent.objects.count()
        result = import_list(self.office, self.inspection, bad)
        self.assertEqual(len(result.errors), 1)
        error = result.errors[0]
        self.assertEqual(
            error,
            {"sheet": "整改任务清单", "row": 11, "column": "F", "header": "责任单位", "value": "市环保局",
             "message": UNIT_UNKNOWN.format(name="市环保局")},
        )  # fmt: skip
        self.assertFalse(Finding.objects.exists())
        self.assertFalse(Task.objects.exists())
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_a_second_import_changes_nothing_and_writes_no_audit(self):
        import_list(self.office, self.inspection)
        before = AuditEvent.objects.count()
        result = import_list(self.office, self.inspection)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 6))
        self.assertEqual((result.findings_created, result.findings_updated), (0, 0))
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_every_created_finding_and_task_is_audited(self):
        import_list(self.office, self.inspection)
        self.assertEqual(AuditEvent.objects.filter(action="rectification.finding.create").count(), 3)
        self.assertEqual(AuditEvent.objects.filter(action="rectification.task.create").count(), 6)
        event = AuditEvent.objects.get(action="rectification.tasks.import")
        self.assertEqual((event.actor_name, event.after["created"], event.after["needs_review"]), ("李明", 6, 1))

    def test_a_changed_task_is_updated_with_its_diff_audited(self):
        import_list(self.office, self.inspection)
        changed = [FindingSpec(f.text, f.target, f.leader, list(f.tasks)) for f in FINDINGS]
        changed[0].tasks[0] = TaskSpec(
            "1.制定竹埠港片区土壤治理修复实施方案", "市生态环境局、岳塘区", "2019年3月底前", ()
        )
        result = import_list(self.office, self.inspection, changed)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 1, 5))
        self.assertEqual(self.task(1, 1).due_date, dt.date(2019, 3, 31))
        event = AuditEvent.objects.get(action="rectification.task.update")
        self.assertEqual(event.before, {"deadline_text": "2018年12月底前", "due_date": "2018-12-31"})
        self.assertEqual(event.after, {"deadline_text": "2019年3月底前", "due_date": "2019-03-31"})

    def test_a_settled_deadline_survives_a_reimport_of_the_same_text(self):
        from ducha.rectification.services import tasks

        import_list(self.office, self.inspection)
        tasks.settle_deadline(self.task(2, 2), actor=self.office, kinds=["deadline"], due_date=dt.date(2019, 4, 30))
        result = import_list(self.office, self.inspection)
        self.assertEqual(result.updated, 0)
        self.assertEqual((self.task(2, 2).due_date, self.task(2, 2).needs_review), (dt.date(2019, 4, 30), False))

    def test_leaders_named_in_the_list_are_linked_to_their_people(self):
        import_list(self.office, self.inspection)
        self.assertEqual(list(self.finding(1).leaders.all()), [self.leader])  # 陈建国
        self.assertEqual(list(self.finding(3).leaders.all()), [])

    def test_dry_run_counts_and_writes_nothing(self):
        result = import_list(self.office, self.inspection, dry_run=True)
        self.assertEqual((result.ok, result.created, result.tasks), (True, 6, 6))
        self.assertFalse(Task.objects.exists())

    def test_a_handler_may_not_import(self):
        with self.assertRaises(NotPermitted):
            import_list(self.handler, self.inspection)


class ImportCommandTests(RectificationTestCase):
    imported = False

    def setUp(self):
        super().setUp()
        self.folder = Path(tempfile.mkdtemp())
        self.path = write_task_list(self.folder / "清单.xlsx").path

    def test_json_output_and_exit_0(self):
        code, out = run_command(str(self.path), "--inspection", "2017-hunan", "--json")
        data = json.loads(out)
        self.assertEqual(code, 0)
        self.assertEqual((data["findings"], data["tasks"], data["created"], data["errors"]), (3, 6, 6, []))
        self.assertEqual(data["needs_review"], [{"finding": 2, "task": 2, "raw": "2019年汛期前", "row": 9}])
        self.assertEqual(data["region"], "430300")
        self.assertEqual(AuditEvent.objects.filter(action="rectification.tasks.import").get().actor_name, "系统")

    def test_second_run_is_all_unchanged(self):
        run_command(str(self.path), "--inspection", "2017-hunan", "--json")
        code, out = run_command(str(self.path), "--inspection", "2017-hunan", "--json")
        data = json.loads(out)
        self.assertEqual((code, data["created"], data["updated"], data["unchanged"]), (0, 0, 0, 6))

    def test_errors_exit_1_with_located_json(self):
        bad = [FindingSpec("问题", "目标", "陈建国", [TaskSpec("措施", "市环保局", "2019年底前", ())])]
        path = write_task_list(self.folder / "bad.xlsx", bad).path
        code, out = run_command(str(path), "--inspection", "2017-hunan", "--json")
        data = json.loads(out)
        self.assertEqual(code, 1)
        self.assertEqual([(e["row"], e["column"], e["value"]) for e in data["errors"]], [(5, "F", "市环保局")])
        self.assertFalse(Task.objects.exists())

    def test_dry_run_exit_0_writes_nothing(self):
        code, out = run_command(str(self.path), "--inspection", "2017-hunan", "--dry-run", "--json")
        self.assertEqual((code, json.loads(out)["dry_run"]), (0, True))
        self.assertFalse(Task.objects.exists())

    def test_usage_errors_exit_2(self):
        from django.core.management import CommandError

        for args in (
            [str(self.path), "--inspection", "nope"],
            [str(self.folder / "none.xlsx"), "--inspection", "2017-hunan"],
        ):
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                run_command(*args)
            self.assertEqual(caught.exception.returncode, 2)
