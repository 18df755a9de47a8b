"""Background work of supervision, run by `manage.py db_worker` (schedule it daily)."""

from django_tasks import task


@task()
def scan_overdue_task() -> dict:
    """Mark what is yellow and red today and tell the units and their supervisors."""
    from ducha.org.scoping import system_user
    from ducha.supervision.services.overdue import scan_overdue

    return scan_overdue(actor=system_user())


@task()
def issue_bulletins_task(week: str | None = None, inspection_code: str | None = None) -> dict:
    """The weekly bulletins, once per ISO week (a second run that week issues nothing)."""
    from ducha.inspections.models import Inspection
    from ducha.org.scoping import system_user
    from ducha.supervision.services.bulletins import issue_weekly_bulletins

    inspection = Inspection.objects.get(code=inspection_code) if inspection_code else None
    return issue_weekly_bulletins(actor=system_user(), week=week, inspection=inspection)
