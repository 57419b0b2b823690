"""`manage.py task_worker`: django-tasks-db's `db_worker`, outliving a database restart.

The queue stays in PostgreSQL rather than Redis (django-tasks' RQ backend): a task row is
written beside the change that asks for it, so a committed vote's map recomputation can't be
lost to a Redis restart (Redis here keeps nothing on disk), and the worker needs no second
store. What `db_worker` lacks is patience: the first OperationalError while PostgreSQL
restarts ends the process. This worker waits, with a growing pause, and carries on; a task
that was running when the connection died is left to its next request (Agora's tasks
recompute from the database, so running one again is harmless).
"""

from __future__ import annotations

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("forum.tasks")

LONGEST_PAUSE_SECONDS = 30.0


class PatientWorker(Worker):
    def run(self) -> None:
        pause = 1.0
        while self.running:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                logger.warning("database unavailable (%s); retrying in %.0f s", error, pause)
                # A dead connection must not be reused: the next query opens a new one.
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE_SECONDS)


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
