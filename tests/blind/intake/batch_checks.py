"""The checks every imported batch file gets: counts, each record's fields, the batch."""

from __future__ import annotations

from ducha.complaints.models import Batch, Complaint, Handling

from ._support import FILES, expected, local_date, run


class BatchChecks:
    """Mixed into an IntakeCase; FILE names a file under files/ with its .expected.json."""

    FILE = ""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exp = expected(cls.FILE)
        cls.code = cls.exp["inspection"]
        cls.outcome = run(
            "import_batch", str(FILES / cls.FILE), "--inspection", cls.code, "--json", *cls.exp["options"]
        )

    # --- helpers

    def complaints(self) -> dict[str, Complaint]:
        qs = Complaint.objects.filter(inspection__code=self.code).prefetch_related("pollution_types")
        return {c.ref: c for c in qs}

    def compare(self, key: str, actual) -> None:
        """Compare one field of every expected record that states it; list every mismatch."""
        found = self.complaints()
        wrong = []
        for rec in self.exp["records"]:
            if key not in rec:
                continue
            c = found.get(rec["ref"])
            if c is None:
                wrong.append(f"{rec['ref']}: not imported")
                continue
            got = actual(c, rec)
            want = rec[key]
            ok = got.startswith(want) if key.endswith("_starts") and isinstance(got, str) else got == want
            if not ok:
                wrong.append(f"{rec['ref']}: {key} expected {want!r}, got {got!r}")
        self.assertEqual(wrong, [], f"{self.FILE}: {len(wrong)} record(s) differ; {self.outcome.describe()[:600]}")

    # --- the checks

    def test_the_import_succeeds_with_exit_zero_and_no_errors(self):
        self.assertEqual(self.outcome.exit, 0, self.outcome.describe())
        self.assertIsNotNone(self.outcome.json, self.outcome.describe())
        self.assertEqual(self.outcome.json.get("errors"), [], self.outcome.describe())

    def test_the_json_counts_every_record_as_created(self):
        self.assertIsNotNone(self.outcome.json, self.outcome.describe())
        counts = self.exp["counts"]
        self.assertEqual(
            (self.outcome.json.get("rows"), self.outcome.json.get("created")),
            (counts["rows"], counts["created"]),
            self.outcome.describe(),
        )

    def test_the_database_holds_exactly_the_expected_references(self):
        want = sorted(r["ref"] for r in self.exp["records"])
        self.assertEqual(sorted(self.complaints()), want, self.outcome.describe()[:600])

    def test_every_region_is_resolved_as_written(self):
        self.compare("region", lambda c, r: c.region_id)

    def test_pollution_types_are_read_from_every_spelling(self):
        self.compare("pollution_types", lambda c, r: sorted(t.code for t in c.pollution_types.all()))

    def test_key_cases_are_known_by_their_trailing_star(self):
        self.compare("is_key", lambda c, r: c.is_key)

    def test_each_text_is_kept_from_its_first_characters(self):
        self.compare("text_starts", lambda c, r: c.text.strip())

    def test_the_batch_number_and_hand_over_date_come_from_the_title(self):
        want = self.exp["batch"]
        batches = list(Batch.objects.filter(inspection__code=self.code).values("number", "handed_over_on"))
        got = [{k: (v.isoformat() if k == "handed_over_on" else v) for k, v in b.items() if k in want} for b in batches]
        self.assertEqual(got, [want], self.outcome.describe()[:600])


class ChannelChecks:
    def test_the_channel_is_read_from_its_column_or_section(self):
        self.compare("channel", lambda c, r: c.channel)


class DateChecks:
    def test_acceptance_dates_are_read_from_date_cells_and_text(self):
        self.compare("accepted_on", lambda c, r: local_date(c.accepted_at))


class HistoryChecks(BatchChecks):
    """An earlier round's one-glance table imported with --history."""

    def handling(self, c: Complaint) -> Handling | None:
        return Handling.objects.filter(complaint=c).order_by("-id").first()

    def test_each_row_is_closed_as_its_table_says(self):
        def closure(c, rec):
            if rec["closure"] == "open":
                return "open" if c.status not in ("closed", "closed_pending") else c.status
            return c.status

        self.compare("closure", closure)

    def test_veracity_is_read_from_every_wording(self):
        self.compare("veracity", lambda c, r: getattr(self.handling(c), "veracity", None))

    def test_the_findings_are_kept(self):
        self.compare("findings_starts", lambda c, r: getattr(self.handling(c), "findings", "").strip())

    def test_the_measures_are_kept(self):
        self.compare("measures_starts", lambda c, r: getattr(self.handling(c), "measures", "").strip())

    def test_the_accountability_text_is_kept(self):
        self.compare("accountability_starts", lambda c, r: getattr(self.handling(c), "accountability_text", "").strip())
