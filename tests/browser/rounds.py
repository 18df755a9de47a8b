"""A batch of a round of the browser tests' own, so that complaints a test makes never
change the demo rounds' figures that other browser tests read (交办的312件 …)."""

import datetime as dt
import tempfile
from pathlib import Path

from ducha.core.parsing.tests import messy

CODE = "browser-own-round"


def own_batch():
    """The batch of the tests' own round, made once (a one-row batch, imported through the service)."""
    from ducha.complaints.models import Batch
    from ducha.complaints.services import intake
    from ducha.inspections.models import Inspection
    from ducha.inspections.services import create_inspection
    from ducha.org.models import User

    batch = Batch.objects.filter(inspection__code=CODE).select_related("inspection").first()
    if batch is not None:
        return batch
    office = User.objects.get(username="office")
    inspection = Inspection.objects.filter(code=CODE).first() or create_inspection(
        actor=office, code=CODE, team="中央第五生态环境保护督察组", province="湖南省", start_date=dt.date.today()
    )
    with tempfile.TemporaryDirectory() as folder:
        made = messy.write_batch_xlsx(Path(folder) / "第1批交办信访件.xlsx", rows=1, seed=5)
        assert intake.import_batch(made.path, actor=office, inspection=inspection).ok
    return Batch.objects.filter(inspection=inspection).select_related("inspection").get()
