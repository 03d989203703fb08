"""An open-loop load client: requests start on a fixed schedule, whatever the answers do.

A closed-loop test (N users, each waiting for its answer) slows down with the
server, so its latency only restates its throughput. Here request *i* is due at
``start + i / rate``; a pool of threads sends each one when it is due, and its
time is counted from when it was due, not from when a thread got to it, so a
server that falls behind shows the queue in p95 and p99 instead of hiding it
("coordinated omission"). Own code rather than locust: locust's constant
throughput is per user and still waits for answers; this is sixty lines.
"""

from __future__ import annotations

import http.client
import queue
import statistics
import threading
import time


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def run(
    host: str,
    port: int,
    paths: list[str],
    cookie: str,
    rate: float,
    seconds: float,
    threads: int = 64,
) -> dict:
    """Send ``rate`` GETs per second for ``seconds`` to ``paths`` (in turn); report."""
    total = int(rate * seconds)
    due: queue.Queue = queue.Queue()
    for index in range(total):
        due.put(index)
    latencies: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = time.perf_counter() + 0.2
    finished_at = [start]

    def worker():
        nonlocal errors
        while True:
            try:
                index = due.get_nowait()
            except queue.Empty:
                return
            planned = start + index / rate
            wait = planned - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            status = 0
            try:
                connection = http.client.HTTPConnection(host, port, timeout=30)
                connection.request("GET", paths[index % len(paths)], headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                status = response.status
                connection.close()
            except OSError:
                status = 0
            done = time.perf_counter()
            with lock:
                latencies.append((done - planned) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200:
                    errors += 1
                finished_at[0] = max(finished_at[0], done)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = finished_at[0] - start
    return {
        "target_rate": rate,
        "seconds": seconds,
        "requests": total,
        "achieved_rate": round(total / elapsed, 1) if elapsed > 0 else 0.0,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p95_ms": round(_percentile(latencies, 0.95), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1),
        "errors": errors,
        "statuses": {str(key): value for key, value in sorted(statuses.items())},
    }
