"""An earlier round's one-glance table uploaded through the import page as history."""

import tempfile
from pathlib import Path

from ducha.complaints.models import Batch, Complaint, ComplaintStatus, Handling, ImportJob
from ducha.complaints.tests.test_history import write_table
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.testing import CastTestCase

UPLOAD = "/complaints/imports/new/"


class HistoryUploadTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)

    def test_the_office_uploads_a_one_glance_table_as_history_and_confirms_it(self):
        self.login(self.office)
        with tempfile.TemporaryDirectory() as folder:
            path = write_table(Path(folder) / "办理情况一览表.xlsx")
            with path.open("rb") as fh:
                response = self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": fh, "history": "on"})
        job = ImportJob.objects.get()
        self.assertTrue(job.history)
        self.assertContains(self.client.get(response["Location"]), 'id="job-history"')
        self.assertFalse(Complaint.objects.exists())  # checked only
        self.client.post(f"/complaints/imports/{job.pk}/confirm/")
        self.assertEqual(
            sorted(Complaint.objects.values_list("ref", "status")),
            [("D2017001", ComplaintStatus.CLOSED), ("D2017002", ComplaintStatus.CLOSED)],
        )
        self.assertEqual(Handling.objects.count(), 2)
        self.assertTrue(Batch.objects.get().history)

    def test_without_the_box_the_same_table_is_a_new_hand_over(self):
        self.login(self.office)
        with tempfile.TemporaryDirectory() as folder:
            path = write_table(Path(folder) / "办理情况一览表.xlsx")
            with path.open("rb") as fh:
                self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": fh})
        self.client.post(f"/complaints/imports/{ImportJob.objects.get().pk}/confirm/")
        self.assertEqual(set(Complaint.objects.values_list("status", flat=True)), {ComplaintStatus.RECEIVED})
        self.assertFalse(Handling.objects.exists())
