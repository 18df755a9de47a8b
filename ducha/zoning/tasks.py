"""Background work of zoning, run by `manage.py db_worker`."""

from django_tasks import task


@task()
def replace_locations_task(run_id: int) -> int:
    """Place every located case again in an edition (after a new edition), with progress."""
    from ducha.org.scoping import system_user
    from ducha.zoning.services.placement import run_replacement

    return run_replacement(run_id, actor=system_user()).done
