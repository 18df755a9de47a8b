"""Background work of the complaints area, run by `manage.py db_worker`."""

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    """Import a confirmed batch file too large to import inside a request."""
    from ducha.complaints.services.import_jobs import execute_import

    return execute_import(job_id).status


@task()
def scan_repeats_task(inspection_id: int) -> int:
    """Suggest repeats for complaints just imported (candidates from the keys in the database)."""
    from ducha.complaints.services.repeats import scan_repeats
    from ducha.inspections.models import Inspection

    return scan_repeats(inspection=Inspection.objects.get(pk=inspection_id))


@task()
def recompute_repeats_task() -> int:
    """Compare every complaint again after the places or site kinds changed."""
    from ducha.complaints.services.repeat_queue import rebuild_and_scan

    return rebuild_and_scan()


@task()
def scan_import_jobs_task() -> list[int]:
    """Mark running imports whose worker died (no heartbeat) failed, ready to retry."""
    from ducha.complaints.services.import_recovery import fail_stalled_imports
    from ducha.org.scoping import system_user

    return fail_stalled_imports(actor=system_user())
