"""A hostile task list ends in a located 文件无法读取 error through the command: exit 1,
JSON with the reason, nothing written."""

import json
import shutil
import tempfile
from pathlib import Path

from django.urls import reverse

from ducha.core.parsing.tests import hostile
from ducha.rectification.models import Task
from ducha.rectification.tests.support import RectificationTestCase
from ducha.rectification.tests.test_import import run_command


class HostileTaskListTests(RectificationTestCase):
    def setUp(self):
        super().setUp()
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, True)

    def test_hostile_workbooks_are_refused_with_their_reason(self):
        tasks = Task.objects.count()
        for maker in (hostile.last_cell, hostile.zip_bomb, hostile.truncated_zip, hostile.html_as_xls):
            with self.subTest(maker.__name__):
                path = maker(self.folder)
                code, out = run_command(str(path), "--inspection", self.inspection.code, "--json")
                data = json.loads(out)
                self.assertEqual(code, 1)
                self.assertTrue(data["errors"][0]["message"].startswith("文件无法读取"), data["errors"][0])
        self.assertEqual(Task.objects.count(), tasks)

    def test_a_hostile_list_on_the_upload_page_is_its_error_and_a_full_disk_no_500(self):
        from ducha.complaints.tests.test_import_failures import DISK_FULL, full_disk

        self.login(self.office)
        url = reverse("rectification:import_upload")
        with hostile.last_cell(self.folder).open("rb") as fh:
            response = self.client.post(url, {"inspection": self.inspection.pk, "file": fh})
        self.assertContains(response, "文件无法读取：工作表“表”的数据区域达1048576行×16384列")
        with full_disk(), hostile.good_csv(self.folder).open("rb") as fh:
            response = self.client.post(url, {"inspection": self.inspection.pk, "file": fh})
        self.assertContains(response, DISK_FULL, status_code=400)
