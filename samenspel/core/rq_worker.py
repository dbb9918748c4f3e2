"""The rq worker of TASKS_BACKEND=rq (docs/production.md, 5): rq's own, without task arguments in its log.

rq logs each job's description when it starts and ends: the call with its arguments. An email's
arguments are its recipient's address and the names in its context, and logs never hold personal
data, so this worker logs a job's id only. settings.RQ makes `manage.py rqworker default` use it.
"""

from rq.worker import Worker as RQWorker


class Worker(RQWorker):
    """rq's forking worker (each job in a child process), logging job ids instead of descriptions."""

    def __init__(self, *args, **kwargs):
        kwargs["log_job_description"] = False
        super().__init__(*args, **kwargs)
