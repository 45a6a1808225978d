"""Generated raw rows of a till's sales, refunds and redemptions, bulk-inserted
into a real till database: for the sales report's tests (a month, then an
independent recomputation from these same rows) and its benchmark (a year).

Every row is what the till's writers store (same columns, UTC ISO text with
microseconds, the tables' checks hold): sales of 1–4 lines over several
cashiers and tenders, voided lines, 抹零, member sales with points, sales at a
tasting event, refunds of some lines given up to four days later by another
cashier (so across days and months), and redemptions. Sales are put just either
side of showroom midnight too (23:59:59.999999 and 00:00 Asia/Shanghai).
Output depends only on the arguments and the seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

SHANGHAI = ZoneInfo("Asia/Shanghai")
CASHIERS = ("收银员小王", "收银员小李", "店长老张")
TENDERS = ("cash", "wechat", "alipay", "unionpay")
EVENT_ID, EVENT_NAME = "EV-GEN-1", "恩施玉露试饮"
#: (sku, name, category, unit, unit price in 分: per piece, or per kg)
PRODUCTS = (
    ("G-WATER", "硒泉水 550ml", "water", "piece", 200),
    ("G-RICE", "五常大米 5kg", "grain", "piece", 8990),
    ("G-TEA", "恩施玉露 100g", "tea", "piece", 12800),
    ("G-RED", "利川红 罐装", "tea", "piece", 9900),
    ("G-LUWEI", "仙桃毛嘴卤鸭", "deli", "kg", 6800),
    ("G-SOUP", "汪集鸡汤", "deli", "piece", 3900),
    ("G-BOX", "文创盲盒", "gift", "piece", 5900),
    ("G-LOTTO", "体彩 顶呱刮", "lottery", "piece", 1000),
)
CATEGORIES = {
    "water": "饮用水",
    "grain": "粮油",
    "tea": "茶叶",
    "deli": "熟食卤味",
    "gift": "文创",
    "lottery": "彩票",
}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass
class Generated:
    sales: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    refunds: list[dict[str, Any]] = field(default_factory=list)
    refund_lines: list[dict[str, Any]] = field(default_factory=list)
    refund_payments: list[dict[str, Any]] = field(default_factory=list)
    redemptions: list[dict[str, Any]] = field(default_factory=list)


def generate(first: date, days: int, per_day: int, *, seed: int = 7) -> Generated:
    rng = random.Random(seed)
    out = Generated()
    n = 0
    for d in range(days):
        day = first + timedelta(days=d)
        midnight = datetime.combine(day, time(), SHANGHAI)
        for k in range(per_day):
            if k == 0:
                at = midnight  # the first instant of the showroom day
            elif k == 1:
                at = midnight + timedelta(days=1) - timedelta(microseconds=1)
            else:
                at = midnight + timedelta(seconds=rng.randrange(8 * 3600, 22 * 3600))
            at += timedelta(microseconds=rng.randrange(1000)) if k > 1 else timedelta()
            n += 1
            _sale(rng, out, n, at)
    return out


def _sale(rng: random.Random, out: Generated, n: int, at: datetime) -> None:
    sale_id = f"s-{n:08d}"
    total = subtotal = eligible = live = 0
    mine: list[dict[str, Any]] = []
    for line_no in range(1, rng.randint(1, 4) + 1):
        sku, name, category, unit, price = rng.choice(PRODUCTS)
        quantity = rng.randint(1, 3) if unit == "piece" else rng.randint(150, 1500)
        gross = price * quantity if unit == "piece" else price * quantity // 1000
        discount = rng.choice((0, 0, 0, gross // 10))
        voided = rng.random() < 0.08
        mine.append(
            {
                "sale_id": sale_id, "line_no": line_no, "product_id": None, "sku": sku,
                "name": name, "category": category, "points_eligible": category != "lottery",
                "unit": unit, "unit_price_fen": price, "quantity": quantity, "barcode": None,
                "fixed_amount_fen": None, "gross_fen": gross, "discount_fen": discount,
                "amount_fen": gross - discount, "voided": voided, "open_price": False,
            }
        )  # fmt: skip
        out.lines.append(mine[-1])
        if not voided:
            live += 1
            subtotal += gross
            total += gross - discount
            eligible += 0 if category == "lottery" else gross - discount
    rounding = min(total % 100, rng.choice((0, 0, total % 10))) if total >= 100 else 0
    paid = total - rounding
    cashier = rng.choice(CASHIERS)
    event = EVENT_ID if rng.random() < 0.1 else None
    kinds = rng.sample(TENDERS, 2) if rng.random() < 0.15 and paid > 1 else [rng.choice(TENDERS)]
    parts = [paid] if len(kinds) == 1 else [paid // 2, paid - paid // 2]
    change = 0
    for seq, (kind, amount) in enumerate(zip(kinds, parts, strict=True), start=1):
        tendered = amount
        if kind == "cash":
            tendered = -(-amount // 1000) * 1000  # rounded up to a ¥10 note
            change += tendered - amount
        out.payments.append(
            {"sale_id": sale_id, "seq": seq, "kind": kind, "amount_fen": amount,
             "tendered_fen": tendered, "reference": ""}
        )  # fmt: skip
    out.sales.append(
        {
            "id": sale_id, "receipt_no": f"S001-T01-{n:08d}", "store_code": "S001",
            "terminal_code": "T01", "sequence": n, "cashier": cashier, "created_at": iso(at),
            "subtotal_fen": subtotal, "discount_fen": subtotal - total, "total_fen": total,
            "change_fen": change, "eligible_fen": eligible, "line_count": live,
            "rounding_fen": rounding, "event_id": event,
        }
    )  # fmt: skip
    points = eligible * 1000 * 3000 // 100_000_000
    if rng.random() < 0.3:
        out.members.append(
            {"sale_id": sale_id, "resident_id": f"R{n % 50:04d}", "community_id": "C001",
             "property_company_id": "P001", "masked_name": "张*", "code_nonce": f"n{n}",
             "eligible_fen": eligible, "points": points, "share_bps": 1000,
             "points_bps": 3000, "contract_from": None, "code": "", "balance_after": None}
        )  # fmt: skip
    if rng.random() < 0.08 and live:
        _refund(rng, out, n, mine, at, points)
    if rng.random() < 0.03:
        out.redemptions.append(
            {"id": f"rd-{n:08d}", "resident_id": f"R{n % 50:04d}", "bill_id": f"B{n}",
             "points": rng.randint(1, 500), "bill_open_fen": 0, "balance_after": 0,
             "cashier": rng.choice(CASHIERS), "created_at": iso(at + timedelta(minutes=3))}
        )  # fmt: skip


def _refund(
    rng: random.Random,
    out: Generated,
    n: int,
    lines: list[dict[str, Any]],
    at: datetime,
    points: int,
) -> None:
    sale_id = lines[0]["sale_id"]
    refund_id = f"r-{n:08d}"
    total = 0
    for line in [ln for ln in lines if not ln["voided"]]:
        if rng.random() < 0.5 and total:
            continue
        whole = line["unit"] == "kg"
        qty = line["quantity"] if whole else rng.randint(1, line["quantity"])
        amount = line["amount_fen"] * qty // line["quantity"]
        total += amount
        out.refund_lines.append(
            {"refund_id": refund_id, "line_no": line["line_no"], "quantity": qty,
             "amount_fen": amount, "eligible": line["points_eligible"], "restock": True}
        )  # fmt: skip
    when = at + timedelta(days=rng.choice((0, 0, 1, 4)), minutes=rng.randint(5, 600))
    out.refunds.append(
        {"id": refund_id, "refund_no": f"S001-T01-R{n:08d}", "sale_id": sale_id,
         "created_at": iso(when), "cashier": rng.choice(CASHIERS), "approved_by": "店长老张",
         "reason": "", "total_fen": total, "eligible_fen": 0,
         "points_clawback": min(points, total // 300)}
    )  # fmt: skip
    out.refund_payments.append(
        {"refund_id": refund_id, "seq": 1, "kind": rng.choice(TENDERS), "amount_fen": total,
         "reference": ""}
    )  # fmt: skip


TABLES = (
    ("sales", "sales"),
    ("sale_lines", "lines"),
    ("sale_payments", "payments"),
    ("sale_members", "members"),
    ("refunds", "refunds"),
    ("refund_lines", "refund_lines"),
    ("refund_payments", "refund_payments"),
    ("redemptions", "redemptions"),
)


def insert(engine: Engine, rows: Generated) -> None:
    """Bulk-insert the rows (one transaction), with the categories and the event."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        # the engine's connections run sqlite3 in autocommit mode (the repositories
        # begin their own transactions): without BEGIN each row would be a commit
        cur.execute("BEGIN IMMEDIATE")
        cur.executemany(
            "INSERT OR IGNORE INTO categories (code, name, points_eligible, sort) "
            "VALUES (?, ?, ?, 0)",
            [(code, name, code != "lottery") for code, name in CATEGORIES.items()],
        )
        cur.execute(
            "INSERT OR IGNORE INTO events (event_id, definition, origin, created_by, updated_at)"
            " VALUES (?, ?, 'server', '', ?)",
            (
                EVENT_ID,
                json.dumps({"event_id": EVENT_ID, "name": EVENT_NAME}),
                iso(datetime.now(UTC)),
            ),
        )
        for table, attr in TABLES:
            batch: list[dict[str, Any]] = getattr(rows, attr)
            if not batch:
                continue
            columns = list(batch[0])
            cur.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})",
                batch,
            )
        cur.execute("COMMIT")
    finally:
        raw.close()
