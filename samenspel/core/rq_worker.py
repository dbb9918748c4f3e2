"""The rq worker of TASKS_BACKEND=rq (docs/production.md, 8): rq's own, with two changes for personal data.

- rq logs each job's description when it starts and ends: the call with its arguments. An email's
  arguments are its recipient's address and the names in its context, and logs never hold
  personal data, so this worker logs a job's id only.
- rq keeps a failed job, arguments included, for a year. This worker keeps it two weeks, as
  `prune_db_task_results --failed-min-age-days 14` does for the database queue: time to look
  into it, no longer.

settings.RQ makes `manage.py rqworker default` use it.
"""

import datetime

from rq.worker import Worker as RQWorker

FAILED_JOB_SECONDS = int(datetime.timedelta(days=14).total_seconds())


class Worker(RQWorker):
    """rq's forking worker (each job in a child process), logging job ids instead of descriptions."""

    def __init__(self, *args, **kwargs):
        kwargs["log_job_description"] = False
        super().__init__(*args, **kwargs)

    def handle_job_failure(self, job, queue, *args, **kwargs):
        job.failure_ttl = FAILED_JOB_SECONDS
        return super().handle_job_failure(job, queue, *args, **kwargs)
