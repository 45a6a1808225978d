"""Child process for the kill-mid-sale tests: rings up sales in a loop.

    python sale_loop_child.py DATA_DIR PROGRESS_FILE [--hang-at N --marker FILE]
                              [--seed S] [--max-sales M]

Each sale scans 2-3 demo barcodes, pays cash and completes through the real
`CheckoutService`. After every completed sale a line is appended to
PROGRESS_FILE. With --hang-at N, the Nth sale of this process writes MARKER
(JSON: sale id, receipt number) from inside its open transaction, just before
the COMMIT reaches SQLite, and then sleeps until it is killed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pos_app.app import build_context  # noqa: E402
from pos_app.core.money import Money  # noqa: E402
from pos_app.core.sale import Sale  # noqa: E402
from pos_app.paths import DEMO_CATALOG  # noqa: E402


def demo_barcodes() -> list[str]:
    with DEMO_CATALOG.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["barcodes"] and r["active"] == "1"]
    return [r["barcodes"].split("|")[0] for r in rows]


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("progress", type=Path)
    parser.add_argument("--hang-at", type=int, default=0)
    parser.add_argument("--marker", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-sales", type=int, default=100_000)
    args = parser.parse_args()

    context = build_context(args.data_dir, demo=True)
    checkout = context.checkout
    rng = random.Random(args.seed)
    codes = demo_barcodes()

    state: dict[str, object] = {"number": 0, "sale": None}
    record = checkout.sales.record

    def counting_record(make_sale):  # type: ignore[no-untyped-def]
        state["number"] = int(state["number"]) + 1  # type: ignore[call-overload]
        state["sale"] = None

        def capture(sequence: int) -> Sale:
            sale = make_sale(sequence)
            state["sale"] = sale
            return sale

        return record(capture)

    checkout.sales.record = counting_record  # type: ignore[method-assign]

    def before_commit(conn) -> None:  # type: ignore[no-untyped-def]
        sale = state["sale"]
        if args.hang_at and state["number"] == args.hang_at and isinstance(sale, Sale):
            assert args.marker is not None
            info = {
                "sale_id": sale.sale_id,
                "receipt_no": sale.receipt_no,
                "lines": len(sale.lines),
                "pid": os.getpid(),
            }
            write_atomically(args.marker, json.dumps(info))
            while True:  # the transaction stays open until SIGKILL
                time.sleep(3600)

    event.listen(context.engine, "commit", before_commit)

    # a cart left on screen by a killed predecessor is finished first
    checkout.restore()
    with args.progress.open("a", encoding="utf-8") as progress:
        progress.write(f"start {os.getpid()}\n")
        progress.flush()
        for _ in range(args.max_sales):
            for code in rng.sample(codes, rng.choice((2, 3))):
                checkout.scan(code)
            tender = checkout.start_tender()
            tender.add_cash(Money(tender.total.fen + rng.choice((0, 50, 1000))))
            sale = checkout.complete(tender)
            progress.write(f"sale {sale.receipt_no}\n")
            progress.flush()
    context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
