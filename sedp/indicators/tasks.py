"""Background work of the indicators app (django-tasks; see settings.TASKS).

A catalogue change that alters how figures are computed (a rule, the unit types, a COUNT
condition) invalidates every maintained figure: recomputing them takes seconds for a
province and minutes for the whole country, so it runs in the worker, not in the request.
The task is enqueued inside the change's transaction (the database backend stores it as a
row), so it runs only if the change commits, and sees the committed catalogue.
"""

from django_tasks import task

from sedp.indicators import figures

REBUILD_TASK = "sedp.indicators.tasks.rebuild_figures"


@task()
def rebuild_figures() -> int:
    figures.rebuild()
    return 0


def rebuild_pending() -> bool:
    """Is a rebuild waiting for (or running in) the worker? Pages say the figures are stale."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=REBUILD_TASK,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()
