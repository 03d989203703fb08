"""Background work: sending mail never happens inside a web request.

Tasks run on the configured ``TASKS`` backend: the database queue by default
(``manage.py db_worker``), RQ on Redis when ``SAMENPLAN_TASKS=rq``
(``manage.py rqworker --job-class django_tasks_rq.Job``).
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import default_task_backend, task

from . import delivery


def _later(when: datetime | None):
    """``send_notices`` for ``when``, on backends that can wait; the tick catches the rest."""
    if when is None or not default_task_backend.supports_defer:
        return send_notices
    return send_notices.using(run_after=when)


@task()
def send_notices(user_id: int) -> str:
    """One mail for everything due for this person; a failure is tried again later."""
    retry = delivery.send_for(user_id)
    if retry is not None and default_task_backend.supports_defer:
        send_notices.using(run_after=retry).enqueue(user_id)
    return "retry" if retry is not None else "done"


def enqueue_sends(due: list[tuple[int, datetime]]) -> None:
    from django.utils import timezone

    now = timezone.now()
    for user_id, when in due:
        if when <= now:
            send_notices.enqueue(user_id)
        elif default_task_backend.supports_defer:
            _later(when).enqueue(user_id)
