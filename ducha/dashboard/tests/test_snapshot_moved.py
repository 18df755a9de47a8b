"""A database made while FigureSnapshot lived in supervision migrates with its frozen
figures intact: the dashboard takes the table over, nothing is copied."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ducha.dashboard.models import FigureSnapshot
from ducha.inspections.models import Inspection
from ducha.testing import CommittingTestCase

DATA = {"sentences": {"meetings": "研究部署会议31次"}}


class SnapshotMoveTests(CommittingTestCase):
    def test_a_frozen_snapshot_keeps_its_row_and_figures(self):
        executor = MigrationExecutor(connection)
        executor.migrate([("dashboard", None)])
        old = executor.loader.project_state([("supervision", "0003_inspection_moved")]).apps
        # the inspections app is not rolled back: its table has today's columns
        inspection = Inspection.objects.create(
            code="cei-2017-hn", team="中央第六环境保护督察组", province="湖南省", start_date=dt.date(2017, 4, 24)
        )
        frozen = old.get_model("supervision", "FigureSnapshot").objects.create(
            inspection_id=inspection.pk,
            region_id="430300",
            as_of=dt.date(2017, 6, 30),
            data=DATA,
            created_at=timezone.now(),
        )
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        moved = FigureSnapshot.objects.get()
        self.assertEqual((moved.pk, moved.as_of, moved.data), (frozen.pk, dt.date(2017, 6, 30), DATA))
