"""Child process of the SIGKILL test: a till that syncs (and sells) in a loop.

    python sync_loop_child.py DATA_DIR PROGRESS_FILE [--sell] [--seed S] [--max-seconds T]

It builds the real AppContext on an enrolled data directory and runs
`SyncService.sync_once` again and again (with --sell, ringing up one sale
through the real CheckoutService before each sync). One JSON line per event is
appended to PROGRESS_FILE ("ready", then one per sync). The parent kills it
with SIGKILL; --max-seconds bounds its life should the parent die first.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pos_app.app import build_context  # noqa: E402
from tests.e2e.sync.till import ring_up  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("progress", type=Path)
    parser.add_argument("--sell", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args()

    context = build_context(args.data_dir, demo=True)
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.max_seconds
    with args.progress.open("a", encoding="utf-8") as progress:

        def note(**event: object) -> None:
            progress.write(json.dumps(event) + "\n")
            progress.flush()

        note(event="ready")
        while time.monotonic() < deadline:
            sold = [s.sale_id for s in ring_up(context, 1, rng)] if args.sell else []
            status = context.sync.sync_once()
            note(event="sync", sold=sold, pushed=status.pushed, error=status.error,
                 pending=status.pending)  # fmt: skip
            if not args.sell and status.pending == 0 and status.error is None:
                time.sleep(0.05)
    context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
