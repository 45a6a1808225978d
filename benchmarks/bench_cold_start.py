"""Cold start to a ready window, measured from the parent around `Popen`.

Run as a script it is the child: it imports the app, builds the context on the
given data directory, builds the search index, creates and shows the main
window, processes events once, then prints ``READY {json}`` with its own phase
times and peak resident memory. The parent's clock runs from just before
`Popen` to the moment that line is read, so it includes interpreter start-up.

Peak memory is ``VmHWM`` from /proc/self/status where there is one: on Linux,
``getrusage(RUSAGE_SELF).ru_maxrss`` of a freshly spawned child also counts the
*parent's* high-water mark (subprocess uses vfork, and execve folds the old
address space's peak into the child's), so with a 450 MiB parent it reports
the parent, not the till. ``ru_maxrss`` is recorded beside it for comparison.

    python benchmarks/bench_cold_start.py DATA_DIR
"""

from __future__ import annotations

from time import perf_counter_ns

_T0 = perf_counter_ns()  # first thing the child does, before any heavy import

import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
READY = "READY "
WINDOW = "WINDOW"


def child(data_dir: Path) -> None:
    import resource

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    phases: dict[str, float] = {}
    mark = _T0

    def lap(name: str) -> None:
        nonlocal mark
        now = perf_counter_ns()
        phases[name] = (now - mark) / 1e9
        mark = now

    from PySide6.QtWidgets import QApplication

    from pos_app.app import build_context
    from pos_app.ui.launch import create_window, install_translators

    lap("imports")
    app = QApplication([sys.argv[0]])
    lap("qapplication")
    context = build_context(data_dir)
    install_translators(app, context.settings.ui.language)
    lap("context")
    window = create_window(app, context)
    window.show()
    QApplication.processEvents()
    lap("window")
    print(WINDOW, flush=True)  # what run_gui shows: scanning works from here
    context.catalog.index()  # run_gui builds it on a worker thread at this point
    lap("index")
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hwm_kib = _vm_hwm_kib()
    report = {
        "phases": phases,
        "rss_mib": (hwm_kib if hwm_kib is not None else maxrss_kib) / 1024,
        "rss_source": "VmHWM" if hwm_kib is not None else "ru_maxrss",
        "ru_maxrss_mib": maxrss_kib / 1024,
    }
    print(READY + json.dumps(report), flush=True)
    window.close()
    context.close()


def _vm_hwm_kib() -> int | None:
    """Peak resident set of this address space (Linux), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def measure(data_dir: Path, runs: int = 3, timeout: float = 120.0) -> dict[str, object]:
    """Start the child `runs` times; wall seconds to READY, phases and peak RSS of each."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    results: list[dict[str, object]] = []
    for _ in range(runs):
        t0 = perf_counter_ns()
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        report = None
        window_wall = None
        for line in proc.stdout:
            if line.startswith(WINDOW):
                window_wall = (perf_counter_ns() - t0) / 1e9
            if line.startswith(READY):
                wall = (perf_counter_ns() - t0) / 1e9
                report = json.loads(line[len(READY) :])
                break
        _, err = proc.communicate(timeout=timeout)
        if report is None or proc.returncode != 0:
            raise RuntimeError(f"cold-start child failed ({proc.returncode}): {err[-2000:]}")
        results.append({"wall_s": window_wall, "search_ready_s": wall, **report})
    return {"runs": results}


if __name__ == "__main__":
    child(Path(sys.argv[1]))
