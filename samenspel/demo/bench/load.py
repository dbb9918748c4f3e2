"""The steps of `make bench` from issue 13, run by bin/bench as `python -m samenspel.demo.bench.load <command>`:

    report-100x    the pages at 100×: queries at 1×, 10×, 100× and wrk's figures (see hundred.py)
    register-http  1,000 members register at once through HTTP for 300 places (see register_http.py)
    mixed          reads while members write through HTTP (see mixed.py)

Each prints its table and exits 1 when a target is missed, 2 when it cannot run.
"""

import argparse
import json
import sys
from pathlib import Path

from . import pages as bench
from .errors import BenchError


def _cmd_report_100x(args) -> int:
    from . import hundred

    page_list = bench.pages(
        circle_slug="-",
        consultation={"slug": "-", "open_round": 0, "closed_round": 0},
        monitor={"year": 0, "quarter": 0},
    )
    names = [page.name for page in page_list]
    queries = {
        factor: json.loads(Path(path).read_text())
        for factor, path in (("1x", args.queries_1x), ("10x", args.queries_10x), ("100x", args.queries_100x))
    }
    wrk = {
        page.name: bench.parse_wrk(Path(args.wrk_dir, f"{bench.wrk_file_stem(page)}.txt").read_text())
        for page in page_list
    }
    rows = hundred.judge(names, queries, wrk, held_to={page.name: page.held_to for page in page_list})
    print(hundred.render(rows, queries["10x"]))
    print()
    for row in rows:
        for failure in row.failures:
            print(f"FAIL {row.page} (100×): {failure}")
    if args.markdown:
        Path(args.markdown).write_text(hundred.render(rows, queries["10x"], markdown=True) + "\n")
    ok = all(row.passed for row in rows)
    print("100×: all targets met." if ok else "100×: some targets were missed (see above).")
    return 0 if ok else 1


def _cmd_register_http(args) -> int:
    from . import register_http

    result = register_http.run(
        base=args.base, capacity=args.capacity, registrations=args.registrations, connections=args.connections
    )
    print(result.render())
    if args.markdown:
        Path(args.markdown).write_text(result.markdown() + "\n")
    return 0 if result.passed else 1


def _cmd_mixed(args) -> int:
    from . import mixed

    result = mixed.run(
        base=args.base,
        picked=json.loads(Path(args.picked).read_text()),
        writers=args.writers,
        rate=args.rate,
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
        work=Path(args.work),
        log=Path(args.log) if args.log else None,
    )
    print(result.render())
    if args.markdown:
        Path(args.markdown).write_text(result.render(markdown=True) + "\n")
    return 0 if result.passed else 1


def parser() -> argparse.ArgumentParser:
    out = argparse.ArgumentParser(prog="python -m samenspel.demo.bench.load")
    sub = out.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report-100x")
    report.add_argument("--queries-1x", required=True)
    report.add_argument("--queries-10x", required=True)
    report.add_argument("--queries-100x", required=True)
    report.add_argument("--wrk-dir", required=True, help="wrk's outputs at 100×, one file per page")
    report.add_argument("--markdown")
    register = sub.add_parser("register-http")
    register.add_argument("--base", required=True, help="the bench's gunicorn, http://127.0.0.1:<port>")
    register.add_argument("--capacity", type=int, default=300)
    register.add_argument("--registrations", type=int, default=1000)
    register.add_argument("--connections", type=int, default=50)
    register.add_argument("--markdown")
    mixed = sub.add_parser("mixed")
    mixed.add_argument("--base", required=True)
    mixed.add_argument("--picked", required=True, help="the JSON file `python -m samenspel.demo.bench prepare` wrote")
    mixed.add_argument("--writers", type=int, default=4)
    mixed.add_argument("--rate", type=float, default=24.0, help="writes per second, all writers together")
    mixed.add_argument("--threads", type=int, default=2)
    mixed.add_argument("--connections", type=int, default=16)
    mixed.add_argument("--duration", default="10s")
    mixed.add_argument("--work", required=True, help="a folder for the wrk script")
    mixed.add_argument("--log", help="gunicorn's error log, searched for deadlock and serialization errors")
    mixed.add_argument("--markdown")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "report-100x":
        return _cmd_report_100x(args)
    bench._setup_django()
    try:
        return _cmd_register_http(args) if args.command == "register-http" else _cmd_mixed(args)
    except (BenchError, ValueError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
