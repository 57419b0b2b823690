"""`manage.py task_worker`: django-tasks-db's `db_worker`, outliving a database restart.

The queue stays in PostgreSQL rather than Redis (django-tasks' RQ backend): a task row is
written beside the change that asks for it, so a committed vote's map recomputation can't be
lost to a Redis restart (Redis here keeps nothing on disk), and the worker needs no second
store. What `db_worker` lacks is patience: the first OperationalError while PostgreSQL
restarts ends the process. This worker waits, with a growing pause, and carries on; a task
that was running when the connection died (its row still says RUNNING, claimed by this
worker) is put back in the queue once the database answers, so it runs again: at least once,
never lost (Agora's tasks recompute from the database or mail what is still unsent, so a
second run is harmless).
"""

from __future__ import annotations

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("forum.tasks")

LONGEST_PAUSE_SECONDS = 30.0


class PatientWorker(Worker):
    def run(self) -> None:
        pause = 1.0
        interrupted = False
        while self.running:
            try:
                if interrupted:
                    self.requeue_interrupted()
                    interrupted = False
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                interrupted = True
                logger.warning("database unavailable (%s); retrying in %.0f s", error, pause)
                # A dead connection must not be reused: the next query opens a new one.
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE_SECONDS)

    def requeue_interrupted(self) -> int:
        """This worker's tasks left RUNNING by a lost connection go back to the queue."""
        running = DBTaskResult.objects.running().filter(backend_name=self.backend_name)
        mine = [
            row.pk for row in running if row.worker_ids and row.worker_ids[-1] == self.worker_id
        ]
        if mine:
            DBTaskResult.objects.filter(pk__in=mine, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.warning("requeued %d task(s) interrupted by the database", len(mine))
        return len(mine)


class Command(DbWorkerCommand):
    help = "Run the background tasks (the opinion map, exports, mail); survives database restarts."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        worker = PatientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        worker.configure_signals()
        worker.run()
