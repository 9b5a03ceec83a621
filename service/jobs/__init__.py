"""The work queue: ingest, extract and reprocess jobs in the store, run by ``hamkar worker`` processes.

``batches`` fills the queue, ``queue`` claims and leases jobs, ``handlers`` does the work of each kind,
``worker`` is the loop.
"""

from service.jobs.batches import Enqueued, enqueue_ingest, enqueue_reprocess
from service.jobs.queue import KINDS, state_counts
from service.jobs.worker import Worker, WorkerOptions

__all__ = ["KINDS", "Enqueued", "Worker", "WorkerOptions", "enqueue_ingest", "enqueue_reprocess", "state_counts"]
