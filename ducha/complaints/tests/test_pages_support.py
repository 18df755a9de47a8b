"""Set-up shared by the complaint page tests (no tests here): inspections made and
files imported through the real services, files generated at test time."""

import datetime as dt
import tempfile
from pathlib import Path

from ducha import store
from ducha.complaints.models import Complaint, ImportJob
from ducha.complaints.services import import_jobs, intake
from ducha.core.parsing.tests import messy
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.uploads import ImportResult

CODE = "cei-2021-hn"


def make_inspection(actor, code: str = CODE) -> Inspection:
    return inspections.create_inspection(
        actor=actor, code=code, team="中央第六生态环境保护督察组", province="湖南省", start_date=dt.date(2021, 4, 6)
    )


def import_messy(actor, inspection: Inspection, *, rows: int = 20, seed: int = 1) -> ImportResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "第3批交办件.xlsx"
        messy.write_batch_xlsx(path, rows=rows, seed=seed)
        result = intake.import_batch(path, actor=actor, inspection=inspection)
    assert result.ok, result.errors[:3]
    return result


def check_messy(actor, inspection: Inspection, *, rows: int = 20, seed: int = 1, plant: bool = False) -> ImportJob:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "第3批交办件.xlsx"
        messy.write_batch_xlsx(path, rows=rows, seed=seed, plant=plant)
        upload = store.save(path, kind=store.UPLOADS, suffix=".xlsx")
    return import_jobs.check_import(actor=actor, inspection=inspection, upload=upload, file_name="第3批交办件.xlsx")


def sample_complaint(cast) -> Complaint:
    """A complaint in 湘潭市, imported once per test class (the URL walk asks often)."""
    complaint = Complaint.objects.order_by("pk").first()
    if complaint is None:
        import_messy(cast.office, Inspection.objects.first() or make_inspection(cast.office), rows=15)
        complaint = Complaint.objects.order_by("pk").first()
    return complaint


def sample_import_job(cast) -> ImportJob:
    job = ImportJob.objects.order_by("pk").first()
    if job is None:
        job = check_messy(cast.office, Inspection.objects.first() or make_inspection(cast.office), rows=15)
    return job
