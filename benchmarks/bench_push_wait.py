"""How long one till's one-sale push waits while another till pushes the largest batch.

SQLite has one writer: a push that commits its whole batch in one transaction
makes every other till's push wait for all of it. `sync.server.ingest` commits
a batch in chunks of `CHUNK_WEIGHT` (lines, plus one per item); this script
measures what that buys, on the real server (uvicorn on 127.0.0.1, in this
process so the chunk weight can be switched between runs) with a fresh demo
database on SQLite:

1. bare: till T02 pushes one 4-line sale, 20 times, nothing else running;
2. for each chunk weight (one transaction for the whole batch = "before", the
   module's CHUNK_WEIGHT = "after", and any given with --weights): till T01
   pushes MAX_BATCH sales of --lines lines each in one request; while it runs,
   T02 pushes one sale, waits for the answer, pauses 50 ms, and again, until
   the big push is answered.

Prints a header line and one markdown table: the big push's time and, for
the small pushes made during it, p50/max, when the slowest one was sent
(seconds after the big push started) and their count, beside the bare
single-sale push. Timings are not asserted anywhere. Usage:

    .venv/bin/python benchmarks/bench_push_wait.py [--lines 4] [--weights 500,4000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
import uvicorn
from bench_stats import percentiles
from bench_sync_server import catalog_products, make_sales, outbox_items
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.membership import public_key_text
from sync.protocol.push import MAX_BATCH
from sync.server import ingest
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code, free_port
from sync.server.seed import initialize

WHOLE_BATCH = 10**9  # a chunk weight no batch reaches: one transaction, as before chunking


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Server:
    """The real ASGI app under uvicorn, in a thread of this process."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/api/v1"
        config = uvicorn.Config(
            create_app(Settings(database_url=url)),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        while not self._server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)


def enroll(server: Server, url: str, terminal: str) -> requests.Session:
    http = requests.Session()
    key = Ed25519PrivateKey.generate()
    response = http.post(
        f"{server.api}/enroll",
        json={"code": enrollment_code(url, store="S001", terminal=terminal),
              "terminal_public_key": public_key_text(key.public_key())},
    )  # fmt: skip
    response.raise_for_status()
    http.headers["Authorization"] = f"Bearer {response.json()['token']}"
    http.headers["Content-Type"] = "application/json"
    return http


def widen(sale: dict[str, Any], lines: int) -> dict[str, Any]:
    """The sale with its lines repeated up to `lines` (renumbered): a big basket."""
    base = sale["lines"]
    sale["lines"] = [dict(base[i % len(base)], line_no=i + 1) for i in range(lines)]
    return sale


def small_items(products: list[Any], n: int, seq0: int) -> list[bytes]:
    """One-sale push bodies of till T02, ready to send."""
    sales = make_sales(products, n, seed=seq0)
    for s in sales:
        s["terminal_code"] = "T02"
    items = outbox_items(sales)
    bodies = []
    for i, it in enumerate(items):
        it["seq"] = seq0 + i
        bodies.append(_body([it]))
    return bodies


def _body(items: list[dict[str, Any]]) -> bytes:
    return json.dumps({"protocol": 1, "items": items}, ensure_ascii=False).encode()


def push(http: requests.Session, api: str, body: bytes) -> float:
    t0 = time.perf_counter()
    response = http.post(f"{api}/push", data=body, timeout=600)
    elapsed = time.perf_counter() - t0
    response.raise_for_status()
    bad = [r for r in response.json()["results"] if r["status"] != "accepted"]
    if bad:
        raise RuntimeError(f"not accepted: {bad[:2]}")
    return elapsed * 1000


def run_weight(
    server: Server, big: requests.Session, small: requests.Session, body: bytes, smalls: list[bytes]
) -> dict[str, Any]:
    waits: list[float] = []
    starts: list[float] = []
    done = threading.Event()
    big_ms: list[float] = []

    def big_push() -> None:
        try:
            big_ms.append(push(big, server.api, body))
        finally:
            done.set()

    thread = threading.Thread(target=big_push)
    t0 = time.perf_counter()
    thread.start()
    time.sleep(0.3)  # the big body is on its way and being parsed
    while not done.is_set() and smalls:
        starts.append(time.perf_counter() - t0)
        waits.append(push(small, server.api, smalls.pop()))
        time.sleep(0.05)
    thread.join()
    worst = max(range(len(waits)), key=waits.__getitem__) if waits else None
    return {
        "big_ms": big_ms[0],
        "waits": waits,
        "worst_at": None if worst is None else starts[worst],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=4, help="lines per sale of the big batch")
    parser.add_argument("--weights", default="", help="more chunk weights to try, e.g. 500,4000")
    args = parser.parse_args()
    weights = [WHOLE_BATCH, ingest.CHUNK_WEIGHT]
    weights += [int(w) for w in args.weights.split(",") if w]

    work = Path(tempfile.mkdtemp(prefix="yc-bench-push-wait-"))
    url = f"sqlite:///{work / 'central.db'}"
    initialize(Database(url), key_file=work / "key", demo=True)
    products = catalog_products(Database(url))
    progress(f"building {len(weights)} batches of {MAX_BATCH} sales × {args.lines} lines")
    bodies = []
    for n in range(len(weights)):
        sales = [widen(s, args.lines) for s in make_sales(products, MAX_BATCH, seed=100 + n)]
        items = outbox_items(sales)
        for i, it in enumerate(items):
            it["seq"] = n * MAX_BATCH + i + 1
        bodies.append(_body(items))
    smalls = small_items(products, 400, seq0=1)

    rows = []
    with Server(url) as server:
        big, small = enroll(server, url, "T01"), enroll(server, url, "T02")
        push(small, server.api, smalls.pop())  # warm-up
        bare = [push(small, server.api, smalls.pop()) for _ in range(20)]
        for weight, body in zip(weights, bodies, strict=True):
            ingest.CHUNK_WEIGHT = weight
            progress(f"chunk weight {weight}: pushing {len(body) / 2**20:.1f} MiB")
            rows.append((weight, run_weight(server, big, small, body, smalls)))

    print(
        f"# push wait · {os.cpu_count()} CPUs · load {os.getloadavg()[0]:.2f} · "
        f"Python {platform.python_version()} · SQLite · batch {MAX_BATCH} sales × "
        f"{args.lines} lines ({len(bodies[0]) / 2**20:.1f} MiB)"
    )
    b = percentiles(bare)
    print("| run | big push | small push p50 | small push max | max sent at | small pushes |")
    print("|---|---|---|---|---|---|")
    print(
        f"| bare single sale, nothing else | – | {b['p50']:.0f} ms | {b['max']:.0f} ms | – "
        f"| {b['n']} |"
    )
    for weight, r in rows:
        name = "before: one transaction" if weight == WHOLE_BATCH else f"chunks of {weight}"
        w = percentiles(r["waits"]) if r["waits"] else {"p50": 0.0, "max": 0.0, "n": 0}
        print(
            f"| {name} | {r['big_ms'] / 1000:.2f} s | {w['p50']:.0f} ms | {w['max']:.0f} ms "
            f"| {r['worst_at'] or 0:.1f} s | {w['n']} |"
        )


if __name__ == "__main__":
    main()
