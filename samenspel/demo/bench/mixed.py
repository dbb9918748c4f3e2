"""Reads while members write (issue 13, point 2): `make bench` step "Mixed run".

On the bench's gunicorn, three wrk runs of the same length and connections, one after the other:

1. **floor**: the one-query floor page (`pages.FLOOR_PATH`), the reference of this run;
2. **reads alone**: the main pages in turn (`read_paths`: home, circle list, the biggest circle,
   the member directory and a meeting page logged in, a public meeting, the monitor dashboard),
   one after the other on every connection (a wrk Lua script, `reads_lua`);
3. **reads with writes**: the same reads while `writers` members write through HTTP, as people
   do: register for and cancel a meeting, comment in the open consultation round, post an update
   in the circle they lead, edit their profile, join and leave a circle (`Writer.ACTIONS`). Each
   writer keeps a steady pace (`rate` writes/s in total, spread over the writers; a write that
   takes longer than its turn delays the next one, it never stacks up).

Targets (issue 13): the reads with writes at least 30% of the floor's requests/s; at least 20
writes/s done; the writes' p99 under 250 ms; no 5xx and no lost request; no deadlock (PostgreSQL's
own counter, `pg_stat_database.deadlocks`, before and after) and no deadlock or serialization
error in gunicorn's error log. The writers' setup is in `samenspel/demo/bench/writers.py`.
"""

import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .pages import FLOOR_PATH, MIN_FLOOR_RATIO, WrkResult, parse_wrk
from .web import Client, Latencies

MIN_WRITES_PER_SECOND = 20.0
MAX_WRITE_P99_MS = 250.0
# What gunicorn's error log says when PostgreSQL aborts a transaction to resolve a conflict.
CONFLICT_PATTERN = re.compile(r"deadlock detected|could not serialize|SerializationFailure|DeadlockDetected", re.I)


def read_paths(picked: dict) -> list[tuple[str, bool]]:
    """(path, logged in) of the main pages, from what `python -m samenspel.demo.bench prepare` picked."""
    return [
        ("/", False),
        ("/circles/", False),
        (f"/circles/{picked['circle_slug']}/", False),
        ("/members/", True),
        (f"/meetings/{picked['member_meeting']}/", True),
        (f"/meetings/{picked['public_meeting']}/", False),
        ("/monitor/", False),
    ]


def _lua_string(value: str) -> str:
    if not re.fullmatch(r"[\w/.:;=%?&@ +-]*", value):
        raise ValueError(f"Not a plain path or cookie: {value!r}")
    return f'"{value}"'


def reads_lua(paths: list[tuple[str, bool]], cookie: str) -> str:
    """A wrk script that asks for `paths` in turn on every connection; logged-in ones with `cookie`."""
    rows = []
    for path, logged_in in paths:
        headers = f'{{["Cookie"] = {_lua_string(cookie)}}}' if logged_in else "{}"
        rows.append(f'  wrk.format("GET", {_lua_string(path)}, {headers}),')
    return "\n".join(
        [
            "-- made by samenspel/demo/bench/mixed.py: the main pages in turn",
            "local requests = {}",
            "local n = 0",
            "function init(args)",
            "  requests = {",
            *["  " + row for row in rows],
            "  }",
            "end",
            "function request()",
            "  n = n + 1",
            "  return requests[(n - 1) % #requests + 1]",
            "end",
            "",
        ]
    )


# --- the writers' loop -------------------------------------------------------------------------


@dataclass
class WriteFigures:
    """What the writers did during the reads: per action and in total."""

    seconds: float = 0.0
    by_action: dict[str, Latencies] = field(default_factory=dict)
    unexpected: dict[str, int] = field(default_factory=dict)  # action -> answers that were not a redirect

    def total(self) -> Latencies:
        out = Latencies()
        for latencies in self.by_action.values():
            out.merge(latencies)
        return out

    @property
    def per_second(self) -> float:
        return self.total().count / self.seconds if self.seconds else 0.0


def write_loop(base: str, writer, *, interval: float, stop: threading.Event, figures: WriteFigures, lock) -> None:
    """One writer's actions in turn, one every `interval` seconds, until `stop` is set."""
    client = Client(base)
    next_at = time.perf_counter()
    step = 0
    while not stop.is_set():
        action, path, data = writer.next_request(step)
        answer = client.post(path, cookies=writer.cookies, data=data)
        with lock:
            figures.by_action.setdefault(action, Latencies()).add(answer.status, answer.ms)
            if answer.status != 302:
                figures.unexpected[action] = figures.unexpected.get(action, 0) + 1
        step += 1
        next_at = max(next_at + interval, time.perf_counter() - interval)  # late: go on, do not stack up
        stop.wait(max(0.0, next_at - time.perf_counter()))
    client.close()


def run_writers(base: str, writers: list, *, rate: float, stop: threading.Event) -> WriteFigures:
    """Start one thread per writer; returns the figures once `stop` is set and they have ended."""
    figures = WriteFigures()
    lock = threading.Lock()
    interval = len(writers) / rate
    threads = [
        threading.Thread(
            target=write_loop,
            args=(base, w),
            kwargs={"interval": interval, "stop": stop, "figures": figures, "lock": lock},
        )
        for w in writers
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait()
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - started
    return figures


# --- wrk --------------------------------------------------------------------------------------


def wrk(
    base: str, path: str, *, threads: int, connections: int, duration: str, script: Path | None = None
) -> WrkResult:
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", duration, "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    # wrk from PATH with our own arguments (bin/bench checks it is installed)
    output = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(output)


# --- judging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mixed:
    floor: WrkResult
    reads_alone: WrkResult
    reads_mixed: WrkResult
    writes: WriteFigures
    writers: int
    deadlocks: int  # PostgreSQL's count during the run
    log_conflicts: int  # deadlock or serialization errors in gunicorn's error log

    def ratio(self, reads: WrkResult) -> float:
        return reads.requests_per_second / self.floor.requests_per_second if self.floor.requests_per_second else 0.0

    def failures(self) -> list[str]:
        out = []
        total = self.writes.total()
        if self.ratio(self.reads_mixed) < MIN_FLOOR_RATIO:
            out.append(f"reads with writes at {self.ratio(self.reads_mixed):.0%} of the floor < {MIN_FLOOR_RATIO:.0%}")
        if self.writes.per_second < MIN_WRITES_PER_SECOND:
            out.append(f"{self.writes.per_second:.1f} writes/s < {MIN_WRITES_PER_SECOND:.0f}")
        if total.p99() >= MAX_WRITE_P99_MS:
            out.append(f"writes p99 {total.p99():.0f} ms >= {MAX_WRITE_P99_MS:.0f} ms")
        for name, reads in (
            ("floor", self.floor),
            ("reads alone", self.reads_alone),
            ("reads with writes", self.reads_mixed),
        ):
            if reads.bad_responses or reads.socket_errors:
                out.append(f"{name}: {reads.bad_responses} non-2xx/3xx answers, {reads.socket_errors} socket errors")
        if total.server_errors:
            out.append(f"{total.server_errors} writes answered 5xx or were lost")
        for action, n in sorted(self.writes.unexpected.items()):
            out.append(f"{n} {action} writes did not answer with the redirect after success")
        if self.deadlocks:
            out.append(f"PostgreSQL counted {self.deadlocks} deadlocks")
        if self.log_conflicts:
            out.append(f"gunicorn's log has {self.log_conflicts} deadlock or serialization errors")
        return out

    @property
    def passed(self) -> bool:
        return not self.failures()

    def rows(self) -> list[list[str]]:
        """The table's rows: the three wrk runs, then the writes in total and per action."""
        header = ["run", "requests", "per s", "p50 ms", "p99 ms", "% of floor", "errors"]
        rows = [header]
        for name, reads in (
            ("floor", self.floor),
            ("reads alone", self.reads_alone),
            ("reads with writes", self.reads_mixed),
        ):
            errors = reads.bad_responses + reads.socket_errors
            rows.append(
                [
                    name,
                    str(reads.requests),
                    f"{reads.requests_per_second:.0f}",
                    f"{reads.p50_ms:.1f}",
                    f"{reads.p99_ms:.1f}",
                    f"{self.ratio(reads):.0%}",
                    str(errors),
                ]
            )
        seconds = self.writes.seconds or 1.0
        for name, latencies in [
            (f"writes ({self.writers} writers)", self.writes.total()),
            *sorted(self.writes.by_action.items()),
        ]:
            errors = latencies.server_errors + (
                sum(self.writes.unexpected.values())
                if name.startswith("writes")
                else self.writes.unexpected.get(name, 0)
            )
            rows.append(
                [
                    name if name.startswith("writes") else f"  {name}",
                    str(latencies.count),
                    f"{latencies.count / seconds:.1f}",
                    f"{latencies.p50():.1f}",
                    f"{latencies.p99():.1f}",
                    "-",
                    str(errors),
                ]
            )
        return rows

    def render(self, *, markdown: bool = False) -> str:
        rows = self.rows()
        if markdown:
            out = ["| " + " | ".join(rows[0]) + " |", "|---|" + "---:|" * (len(rows[0]) - 1)]
            return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows[1:]])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
        lines = [fmt.format(*rows[0]), fmt.format(*["-" * w for w in widths])] + [fmt.format(*r) for r in rows[1:]]
        lines.append(
            f"deadlocks (PostgreSQL): {self.deadlocks}; deadlock or serialization errors in the log: {self.log_conflicts}"
        )
        lines += [f"FAIL {failure}" for failure in self.failures()]
        lines.append("Mixed run: PASS" if self.passed else "Mixed run: FAIL")
        return "\n".join(lines)


def deadlocks() -> int:
    """PostgreSQL's count of deadlocks in this database since its statistics were reset."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")  # PostgreSQL 15+: this backend's counts now
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def log_conflicts(log: Path | None) -> int:
    if log is None or not log.exists():
        return 0
    return len(CONFLICT_PATTERN.findall(log.read_text(errors="replace")))


def run(
    *,
    base: str,
    picked: dict,
    writers: int,
    rate: float,
    threads: int,
    connections: int,
    duration: str,
    work: Path,
    log: Path | None,
) -> Mixed:
    """The three wrk runs and the writers (see the module's docstring)."""
    from django.db import connection

    from . import writers as bench_writers

    team = bench_writers.prepare(count=writers, picked=picked)
    script = work / "reads.lua"
    script.write_text(reads_lua(read_paths(picked), bench_writers.reader_cookie(picked)))
    connection.close()
    before = deadlocks()
    log_before = log_conflicts(log)
    connection.close()  # no connection of ours stays open during the runs

    floor = wrk(base, FLOOR_PATH, threads=threads, connections=connections, duration=duration)
    wrk(base, "/", threads=threads, connections=connections, duration="2s", script=script)  # warm-up
    reads_alone = wrk(base, "/", threads=threads, connections=connections, duration=duration, script=script)

    stop = threading.Event()
    holder: dict = {}
    thread = threading.Thread(target=lambda: holder.setdefault("w", run_writers(base, team, rate=rate, stop=stop)))
    thread.start()
    try:
        reads_mixed = wrk(base, "/", threads=threads, connections=connections, duration=duration, script=script)
    finally:
        stop.set()
        thread.join()
    time.sleep(0.5)
    return Mixed(
        floor=floor,
        reads_alone=reads_alone,
        reads_mixed=reads_mixed,
        writes=holder["w"],
        writers=len(team),
        deadlocks=deadlocks() - before,
        log_conflicts=log_conflicts(log) - log_before,
    )
