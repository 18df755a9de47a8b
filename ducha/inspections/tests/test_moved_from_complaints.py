"""A database made before Inspection moved out of complaints migrates with every row
intact: the table is taken over, not copied, and the keys that point at it still hold."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ducha.complaints.models import Batch
from ducha.inspections.models import Inspection
from ducha.rectification.models import RectificationPlan
from ducha.testing import CommittingTestCase

BEFORE = [("inspections", None)]


class InspectionMoveTests(CommittingTestCase):
    def setUp(self):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state([("complaints", "0005_figures_index"), ("rectification", "0001_initial")])
        self.old_apps = old.apps
        OldInspection = self.old_apps.get_model("complaints", "Inspection")
        OldBatch = self.old_apps.get_model("complaints", "Batch")
        OldPlan = self.old_apps.get_model("rectification", "RectificationPlan")
        self.inspection = OldInspection.objects.create(
            code="cei-2017-hn", team="中央第六环境保护督察组", province="湖南省", start_date=dt.date(2017, 4, 24)
        )
        OldBatch.objects.create(
            inspection=self.inspection,
            number=1,
            handed_over_on=dt.date(2017, 4, 30),
            source_name="第一批.xlsx",
            source_file="batches/x.xlsx",
            source_sha256="0" * 64,
        )
        OldPlan.objects.create(inspection=self.inspection, region_id="430300", issued_on=dt.date(2017, 9, 1))
        self.old_type = ContentType.objects.get_or_create(app_label="complaints", model="inspection")[0]
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_the_inspection_keeps_its_row_and_id(self):
        moved = Inspection.objects.get(code="cei-2017-hn")
        self.assertEqual(
            (moved.pk, moved.team, moved.start_date),
            (self.inspection.pk, "中央第六环境保护督察组", dt.date(2017, 4, 24)),
        )

    def test_batches_and_plans_still_point_at_it(self):
        moved = Inspection.objects.get(code="cei-2017-hn")
        self.assertEqual(list(Batch.objects.values_list("inspection_id", flat=True)), [moved.pk])
        self.assertEqual(list(RectificationPlan.objects.values_list("inspection_id", flat=True)), [moved.pk])

    def test_its_content_type_is_renamed_in_place(self):
        self.assertEqual(ContentType.objects.get(pk=self.old_type.pk).app_label, "inspections")
