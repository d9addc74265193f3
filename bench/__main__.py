"""Run every bench section and print one table: `python -m bench [section ...]`.

A section is a module in bench/ with a `run()` that returns a list of `bench.timing.Row`
(throughput rows measured with `bench.timing.measure`, plus notes such as memory). Add yours
to SECTIONS. Each section starts what it needs (usually `bench.timing.Server`, a real
gunicorn on loopback) and stops it before returning.
"""

import importlib
import sys
import time

from bench.timing import format_table

SECTIONS = ["bench.directory"]


def main(argv):
    """Run the named sections (default: all) and print the table."""
    wanted = [f"bench.{name}" for name in argv] or SECTIONS
    rows, started = [], time.perf_counter()
    for name in wanted:
        module = importlib.import_module(name)
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += module.run()
    print(format_table(rows))
    print(f"\n(total bench time {time.perf_counter() - started:.0f} s)")
    return 1 if any(row.failed for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
