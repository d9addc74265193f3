"""`make bench`: run every bench section (each module here with a `run()`) and print one table.

Each section returns rows of (name, value, unit, note). Sections run one after another in
this process, each on its own embedded store and fake WeChat server.
"""

import importlib
import pkgutil
import sys
import time

import bench


def main(names=None):
    """Run the named sections (default: all) and print the table."""
    sections = names or sorted(
        info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_")
    )
    print(f"{'measurement':<42} {'value':>10} {'unit':<9} note")
    for name in sections:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        started = time.perf_counter()
        for row_name, value, unit, note in module.run():
            print(f"{row_name:<42} {value:>10} {unit:<9} {note}")
        print(f"{'  (section ' + name + ')':<42} {time.perf_counter() - started:>10.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
