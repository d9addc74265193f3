"""Shows the soak test's invariants at the end of the run's output (the soak runs in an
xdist worker, whose prints pytest keeps to itself)."""

from tests.support.soak_actors import REPORT


def pytest_sessionstart(session):
    """Forget the last run's report (in the controlling process only)."""
    if not hasattr(session.config, "workerinput"):
        REPORT.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    """Print this run's soak invariants, when the soak ran."""
    if REPORT.exists():
        terminalreporter.write_sep("-", "soak invariants")
        terminalreporter.write_line(REPORT.read_text(encoding="utf-8").rstrip())
