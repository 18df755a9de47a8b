"""整改任务清单 as cities write them: findings in merged blocks, units named the way lists name
them, unknown units added only when asked (--add-units), an ambiguous name refused."""

from ducha.audit.models import AuditEvent
from ducha.org.models import Unit
from ducha.rectification.models import Task

from ._support import FILES, IntakeCase, error_text, expected, location, names, run, unit_matches


class TaskChecks:
    """Every task's finding, leader, lead unit, units and deadline, as the list says."""

    FILE = ""
    OPTIONS: tuple[str, ...] = ()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exp = expected(cls.FILE)
        cls.code = cls.exp["inspection"]
        cls.units_before = set(Unit.objects.values_list("name", flat=True))
        cls.outcome = run("import_tasks", str(FILES / cls.FILE), "--inspection", cls.code, "--json", *cls.OPTIONS)

    def tasks(self) -> dict[tuple[int, int], Task]:
        qs = Task.objects.filter(finding__inspection__code=self.code).select_related("finding", "lead_unit")
        return {(t.finding.number, t.number): t for t in qs.prefetch_related("task_units__unit")}

    def each_task(self, check) -> None:
        """Run check(task, finding_spec, task_spec) -> problem or None over every expected task."""
        found = self.tasks()
        wrong = []
        for f in self.exp["findings"]:
            for t in f["tasks"]:
                task = found.get((f["number"], t["number"]))
                problem = "not imported" if task is None else check(task, f, t)
                if problem:
                    wrong.append(f"task {f['number']}-{t['number']}: {problem}")
        self.assertEqual(wrong, [], self.outcome.describe()[:800])

    @staticmethod
    def all_units(task: Task) -> list[Unit]:
        units = {task.lead_unit_id: task.lead_unit}
        units.update({tu.unit_id: tu.unit for tu in task.task_units.all()})
        return list(units.values())

    def test_the_import_succeeds_with_exit_zero(self):
        self.assertEqual(self.outcome.exit, 0, self.outcome.describe())
        self.assertEqual(self.outcome.json.get("errors"), [], self.outcome.describe())

    def test_the_json_counts_findings_and_tasks(self):
        want = self.expected_run()["counts"]
        got = {k: (self.outcome.json or {}).get(k) for k in want}
        self.assertEqual(got, want, self.outcome.describe())

    def test_every_task_sits_under_its_finding_in_list_order(self):
        def check(task, f, t):
            if not task.finding.text.startswith(f["text_starts"]):
                return f"finding text {task.finding.text[:24]!r} does not start with {f['text_starts']!r}"
            if not task.target.strip().startswith(t["target_starts"]):
                return f"target {task.target[:20]!r} is not {t['target_starts']!r}…"
            return None

        self.each_task(check)
        self.assertEqual(len(self.tasks()), sum(len(f["tasks"]) for f in self.exp["findings"]))

    def test_every_task_has_the_leader_of_its_finding(self):
        self.each_task(
            lambda task, f, t: None if names(task.leader) == set(t["leaders"]) else f"leader {task.leader!r}"
        )

    def test_every_lead_unit_resolves_as_written(self):
        def check(task, f, t):
            spec = t["lead"]
            return None if unit_matches(task.lead_unit, spec) else f"{spec['written']} → {task.lead_unit.name}"

        self.each_task(check)

    def test_every_task_names_exactly_its_responsible_units(self):
        def check(task, f, t):
            units = self.all_units(task)
            specs = [t["lead"], *t["units"]]
            problems = []
            for spec in specs:
                if spec.get("collective"):
                    continue
                if not any(unit_matches(u, spec) for u in units):
                    problems.append(f"{spec['written']} missing")
            collective = next((s for s in specs if s.get("collective")), None)
            for u in units:
                if any(unit_matches(u, s) for s in specs if not s.get("collective")):
                    continue
                if collective and ("各县市区" in u.name or u.name in collective["members_if_expanded"]):
                    continue
                problems.append(f"unexpected unit {u.name}")
            return "; ".join(problems) or None

        self.each_task(check)

    def test_a_collective_stays_a_collective_not_its_first_member(self):
        def check(task, f, t):
            collective = next((s for s in t["units"] if s.get("collective")), None)
            if collective is None:
                return None
            unit_names = {u.name for u in self.all_units(task)}
            if any("各县市区" in n for n in unit_names):
                return None
            if set(collective["members_if_expanded"]) <= unit_names:
                return None
            return f"{collective['written']} became {sorted(unit_names)}"

        self.assertTrue(any(s.get("collective") for f in self.exp["findings"] for t in f["tasks"] for s in t["units"]))
        self.each_task(check)

    def test_every_deadline_is_read_as_written(self):
        flags = {"immediate": "is_immediate", "ongoing": "is_ongoing", "deadline": "is_deadline"}

        def check(task, f, t):
            got_due = task.due_date.isoformat() if task.due_date else None
            problems = [] if got_due == t["due_date"] else [f"due {got_due} for {t['deadline_written']!r}"]
            for kind, want in t["kinds"].items():
                if getattr(task, flags[kind]) != want:
                    problems.append(f"{kind} should be {want} for {t['deadline_written']!r}")
            return "; ".join(problems) or None

        self.each_task(check)

    def test_a_unit_written_two_ways_is_one_unit(self):
        pairs = self.exp["same_unit"]
        if not pairs:
            self.skipTest("this list writes no unit two ways")
        for a, b in pairs:
            self.assertEqual(len(self.units_written_as(a) | self.units_written_as(b)), 1, f"{a} / {b}")

    def units_written_as(self, written: str) -> set[str]:
        """The units the tasks that write `written` resolved it to."""
        out = set()
        for f in self.exp["findings"]:
            for t in f["tasks"]:
                task = self.tasks().get((f["number"], t["number"]))
                if task is None:
                    continue
                for spec in [t["lead"], *t["units"]]:
                    if spec["written"] == written:
                        out |= {u.name for u in self.all_units(task) if unit_matches(u, spec)}
        return out


class TestTaskListWithUnknownUnitsAddedOnRequest(TaskChecks, IntakeCase):
    inspections = ("2017-hunan",)
    FILE = "2017_tasks.xlsx"
    OPTIONS = ("--add-units",)

    def expected_run(self) -> dict:
        return self.exp["with_add_units"]

    def test_units_added_names_exactly_the_names_the_directory_lacked(self):
        want = sorted(n for n in self.expected_run()["units_added"] if n not in self.units_before)
        got = (self.outcome.json or {}).get("units_added")
        self.assertIsNotNone(got, self.outcome.describe())
        got = sorted(u["name"] if isinstance(u, dict) else u for u in got)
        self.assertEqual(got, want)

    def test_added_units_are_audited_departments_of_the_city(self):
        for name in self.expected_run()["units_added"]:
            unit = Unit.objects.filter(name=name).first()
            self.assertIsNotNone(unit, f"{name} was not added")
            self.assertEqual((unit.region_id and unit.region.code, unit.kind), ("430300", "department"), name)
            audited = AuditEvent.objects.filter(object_type__icontains="unit", object_id=str(unit.pk)).exists()
            self.assertTrue(audited, f"adding {name} left no audit record")

    def test_the_city_police_and_its_traffic_police_are_different_units(self):
        for a, b in self.exp["different_units"]:
            ua, ub = self.units_written_as(a), self.units_written_as(b)
            self.assertTrue(ua and ub, f"{a}: {ua}, {b}: {ub}")
            self.assertFalse(ua & ub, f"{a} and {b} resolved to the same unit {ua & ub}")


class TestTaskListWithUnknownUnitsWithoutAddUnits(IntakeCase):
    inspections = ("2017-hunan",)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exp = expected("2017_tasks.xlsx")
        cls.units_before = Unit.objects.count()
        cls.outcome = run("import_tasks", str(FILES / "2017_tasks.xlsx"), "--inspection", "2017-hunan", "--json")

    def test_the_import_is_refused_with_exit_one(self):
        self.assertEqual(self.outcome.exit, 1, self.outcome.describe())

    def test_each_unknown_unit_is_a_located_error_and_nothing_else_is(self):
        want = {location(e) for e in self.exp["without_add_units"]["errors"]}
        got = {location(e) for e in (self.outcome.json or {}).get("errors") or []}
        self.assertEqual(got, want, self.outcome.describe())

    def test_nothing_is_written_and_no_unit_is_added(self):
        self.assertFalse(Task.objects.filter(finding__inspection__code="2017-hunan").exists())
        self.assertEqual(Unit.objects.count(), self.units_before)


class TestTaskListSavedAsGbkCsvFromExcel(TaskChecks, IntakeCase):
    """Merged blocks saved as CSV keep their value in the first row only; every unit is one a
    complete 湘潭 directory holds, so no --add-units is needed."""

    inspections = ("2021-hunan",)
    FILE = "2021_tasks_gbk.csv"

    def expected_run(self) -> dict:
        return self.exp["without_add_units"]


class TestAnAmbiguousUnitName(IntakeCase):
    inspections = ("2017-hunan",)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exp = expected("2017_tasks_ambiguous.xlsx")

    def import_(self, *options):
        return run("import_tasks", str(FILES / self.exp["file"]), "--inspection", "2017-hunan", "--json", *options)

    def assert_refused_naming_candidates(self, outcome) -> None:
        self.assertEqual(outcome.exit, 1, outcome.describe())
        planted = self.exp["errors"][0]
        errors = [e for e in (outcome.json or {}).get("errors") or [] if location(e) == location(planted)]
        self.assertTrue(errors, f"nothing reported at {location(planted)}: {outcome.describe()}")
        text = error_text(errors[0])
        for words in planted["mentions_each"]:
            self.assertTrue(any(w in text for w in words), f"no mention of {words} in {text!r}")
        self.assertFalse(Task.objects.filter(finding__inspection__code="2017-hunan").exists())

    def test_an_ambiguous_unit_is_refused_naming_its_candidates(self):
        self.assert_refused_naming_candidates(self.import_())

    def test_add_units_never_adds_an_ambiguous_name(self):
        before = Unit.objects.count()
        self.assert_refused_naming_candidates(self.import_("--add-units"))
        self.assertEqual(Unit.objects.count(), before)
