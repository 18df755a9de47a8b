"""One upload field: type and size refused by name before anything is stored, the same
rule for a complaint batch and a task list."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase

from ducha.complaints.forms import UploadForm
from ducha.rectification.forms import ImportForm
from ducha.uploads import PHOTO_SUFFIXES, UploadField, table_field


class TableForm(forms.Form):
    file = table_field("文件")


class PhotoForm(forms.Form):
    photos = UploadField(suffixes=PHOTO_SUFFIXES, max_mb=1, multiple=True, max_count=2, required=False)


def upload(name, size=10):
    return SimpleUploadedFile(name, b"x" * size)


class UploadFieldTests(SimpleTestCase):
    def test_a_table_takes_xlsx_xlsm_xls_and_csv(self):
        for name in ("a.xlsx", "a.xlsm", "a.xls", "A.CSV"):
            with self.subTest(name=name):
                self.assertTrue(TableForm(files={"file": upload(name)}).is_valid())

    def test_a_table_of_another_type_is_refused_with_the_reason(self):
        form = TableForm(files={"file": upload("a.docx")})
        self.assertEqual(form.errors["file"], ["文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。"])

    def test_a_table_over_50_mb_is_refused(self):
        form = TableForm(files={"file": upload("a.csv", 50 * 1024 * 1024 + 1)})
        self.assertEqual(form.errors["file"], ["文件超过 50 MB，请拆分后分别上传。"])

    def test_batch_and_task_list_uploads_share_the_rule(self):
        self.assertEqual(
            (UploadForm.base_fields["file"].suffixes, UploadForm.base_fields["file"].max_mb),
            (ImportForm.base_fields["file"].suffixes, ImportForm.base_fields["file"].max_mb),
        )

    def test_several_files_come_back_as_a_list(self):
        form = PhotoForm(files={"photos": [upload("a.jpg"), upload("b.png")]})
        self.assertTrue(form.is_valid())
        self.assertEqual([f.name for f in form.cleaned_data["photos"]], ["a.jpg", "b.png"])

    def test_too_many_files_are_refused(self):
        form = PhotoForm(files={"photos": [upload("a.jpg"), upload("b.jpg"), upload("c.jpg")]})
        self.assertEqual(form.errors["photos"], ["一次最多上传2个文件。"])
