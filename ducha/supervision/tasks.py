"""Background work of supervision, run by `manage.py db_worker` (schedule it daily)."""

from django_tasks import task


@task()
def scan_overdue_task() -> dict:
    """Mark what is yellow and red today and tell the units and their supervisors."""
    from ducha.supervision.services import scan_overdue

    return scan_overdue(actor=None)
