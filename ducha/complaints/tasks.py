"""Background work of the complaints area, run by `manage.py db_worker`."""

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    """Import a confirmed batch file too large to import inside a request."""
    from ducha.complaints.services import execute_import

    return execute_import(job_id).status
