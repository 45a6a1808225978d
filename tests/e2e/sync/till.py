"""Till-side helpers of the sync fault tests: enrol a data directory, ring up
realistic sales and refunds through the real services, and check the central
server against an INDEPENDENT recomputation made from the till's own tables.

The recomputation deliberately does not call `pos_app.core.points` nor the
server's code: it reads `sales`, `sale_lines`, `sale_members`, `refunds` and
`refund_lines` with plain sqlite3 and applies the contract formula written
out here, so a bug shared by the till and the server cannot hide itself.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from pos_app.app import AppContext, build_context
from pos_app.core.barcodes import with_check_digit
from pos_app.core.money import Money
from pos_app.core.refund import SoldLine
from pos_app.core.sale import Sale
from pos_app.core.tender import TenderKind
from pos_app.demo import demo_code
from pos_app.paths import RESOURCES
from pos_app.persistence import credentials
from pos_app.persistence.db import DB_FILENAME
from pos_app.persistence.refunds_repo import RecordedRefund
from pos_app.services.sync import SyncService
from sync.client.session import SyncSession
from sync.protocol.push import ItemResult, OutboxItem, PushResponse
from sync.server.models.orders import Order, Refund
from sync.server.models.residents import LedgerEntry, Resident
from tests.staff_helpers import refund_as_manager

WATER, RICE, LOTTERY = "6975321000012", "6921445000018", "0490000000016"
#: more of the demo catalog: a 10 kg rice with a member price, a case of water, tea, a deposit
RICE_10KG, WATER_CASE, DEPOSIT = "6921445000025", "6975321000029", "0490000005011"
TEA = "6937862000029"  # 恩施玉露 一级 100g, ¥128: the line scanned by mistake and voided
PIECE_CODES = (WATER, WATER, RICE, RICE_10KG, WATER_CASE)
DELI_PLU = "10001"  # 毛嘴卤鸭脖 散称, weighed: sold from a price-embedded scale label

RESIDENTS_CSV = RESOURCES / "demo" / "residents.csv"
STORE_COMPANY = "P001"  # S001 sits in C001, run by P001
NO_POINTS_CATEGORIES = frozenset({"lottery", "deposit"})
#: the C001 contract of the demo seed: (effective from, share_bps, points_bps)
C001_DEMO_CONTRACT = (datetime(2026, 1, 1, tzinfo=UTC), 1000, 3000)

Clock = Callable[[], datetime]


def real_clock() -> datetime:
    return datetime.now(UTC)


# --- enrolling ---------------------------------------------------------------------------


def enroll_till(data_dir: Path, server_url: str, code: str) -> AppContext:
    """A demo till on `data_dir`, enrolled at `server_url` (may be a proxy in front)."""
    context = build_context(data_dir, demo=True)
    context.sync.enroll(server_url, code)
    return context


def token(data_dir: Path) -> str:
    credential = credentials.load(data_dir)
    assert credential is not None, "till not enrolled"
    return credential.token


class RecordingSession(SyncSession):
    """The real session, remembering every push result it received."""

    def __init__(self, *args: object, results: list[ItemResult], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.results = results

    def push(self, items: list[OutboxItem]) -> PushResponse:
        response = super().push(items)
        self.results.extend(response.results)
        return response


def recording_sync(context: AppContext) -> tuple[SyncService, list[ItemResult]]:
    """A SyncService on the context's database whose push results the test can read."""
    results: list[ItemResult] = []
    service = SyncService(
        context.engine,
        context.data_dir,
        context.settings,
        on_catalog_changed=context.catalog.rebuild_index,
        on_members_changed=context.members.reload,
        session_factory=lambda c: RecordingSession(
            c.server_url, c.token, ca_bundle=c.ca_bundle, results=results
        ),
    )
    return service, results


# --- selling -------------------------------------------------------------------------------


def scale_label(plu: str, fen: int) -> str:
    """EAN-13 price label: 20 + 5-digit PLU + 5-digit price in fen + check digit."""
    return with_check_digit(f"20{plu}{fen:05d}")


def member_residents() -> list[str]:
    """Demo residents of the store's property company (C001 and C002 both earn at S001)."""
    return [r for r, row in demo_residents().items() if row["property_company_id"] == STORE_COMPANY]


def ring_up(
    context: AppContext,
    n: int,
    rng: random.Random,
    *,
    clock: Clock = real_clock,
    codes: Callable[[str], str] | None = None,
) -> list[Sale]:
    """n sales through the real CheckoutService: about two in three with a resident
    (a fresh membership code each time), lottery tickets, a deposit, a weighed
    label, quantities, discounts, a voided line, cash or WeChat Pay.

    `codes`: resident id → the code they show (default: signed by `clock`)."""
    co = context.checkout
    show = codes or (lambda resident_id: _code(resident_id, clock))
    residents = member_residents()
    sales = []
    for i in range(n):
        member_first = rng.random() < 0.5
        with_member = i % 3 != 2
        if with_member and member_first:
            co.scan(show(rng.choice(residents)))
        for _ in range(rng.randint(1, 3)):
            co.scan(rng.choice(PIECE_CODES))
        first = co.cart.active_lines[0].line_no
        if rng.random() < 0.4:
            co.set_quantity(first, rng.randint(2, 4))
        if rng.random() < 0.3:
            co.set_discount_percent(first, rng.choice((5, 10, 15)))
        if rng.random() < 0.35:
            co.scan(LOTTERY)
        if rng.random() < 0.15:
            co.scan(DEPOSIT)
        if rng.random() < 0.3:
            co.scan(scale_label(DELI_PLU, rng.randint(800, 4800)))
        if rng.random() < 0.2:
            mistake = co.scan(TEA)  # scanned by mistake, voided: kept in the record, flagged
            assert mistake.line_no is not None
            co.void(mistake.line_no)
        if with_member and not member_first:
            co.scan(show(rng.choice(residents)))
        assert (co.member is not None) == with_member
        tender = co.start_tender()
        total = tender.total.fen
        if rng.random() < 0.5:
            tender.add_cash(Money(-(-total // 1000) * 1000))  # the next ¥10 note up
        else:
            reference = f"42000{rng.randrange(10**12):012d}"
            tender.add_external(TenderKind.WECHAT, Money(total), reference, co.provider, co.sale_id)
        sales.append(co.complete(tender))
    return sales


def _code(resident_id: str, clock: Clock) -> str:
    # codes are single-use per sale, and signed "now" by the till's own clock
    return demo_code(resident_id, now=int(clock().timestamp()))


def refund_some(context: AppContext, sales: Sequence[Sale]) -> list[RecordedRefund]:
    """Two refunds of member sales: one piece of one eligible line, then a whole sale."""
    member_sales = [s for s in sales if s.member is not None and s.eligible_amount.fen > 0]
    assert len(member_sales) >= 2, "not enough member sales to refund"
    done = []
    partial = context.refunds.find(member_sales[0].receipt_no)
    line = next(ln for ln in partial.lines if _refundable(ln) and ln.points_eligible)
    done.append(refund_as_manager(context, partial, {line.line_no: 1}, reason="破损"))
    whole = context.refunds.find(member_sales[1].receipt_no)
    quantities = {
        ln.line_no: ln.quantity - whole.already.get(ln.line_no, 0)
        for ln in whole.lines
        if not ln.voided and ln.quantity - whole.already.get(ln.line_no, 0) > 0
    }
    done.append(refund_as_manager(context, whole, quantities, reason="整单退货"))
    return done


def _refundable(line: SoldLine) -> bool:
    return not line.voided and not line.whole_only


# --- the till's outbox, read raw ------------------------------------------------------------


def outbox_items(data_dir: Path, *, pending_only: bool = False) -> list[OutboxItem]:
    """Outbox rows as the till would push them (also those already sent)."""
    sql = "SELECT id, item_id, kind, aggregate_id, created_at, payload FROM outbox"
    if pending_only:
        sql += " WHERE sent_at IS NULL AND rejected_reason IS NULL"
    with _till_db(data_dir) as conn:
        rows = conn.execute(sql + " ORDER BY id").fetchall()
    return [
        OutboxItem(
            item_id=uuid.UUID(item_id),
            kind=kind,
            aggregate_id=aggregate,
            seq=seq,
            created_at=datetime.fromisoformat(created),
            payload=json.loads(payload),
        )
        for seq, item_id, kind, aggregate, created, payload in rows
    ]


def outbox_state(data_dir: Path) -> dict[str, int]:
    with _till_db(data_dir) as conn:
        return {
            "items": conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
            "pending": conn.execute(
                "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND rejected_reason IS NULL"
            ).fetchone()[0],
            "rejected": conn.execute(
                "SELECT count(*) FROM outbox WHERE rejected_reason IS NOT NULL"
            ).fetchone()[0],
        }


def _till_db(data_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(data_dir / DB_FILENAME, timeout=10)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


# --- the independent recomputation -------------------------------------------------------------


def demo_residents() -> dict[str, dict[str, str]]:
    with RESIDENTS_CSV.open(encoding="utf-8", newline="") as f:
        return {row["resident_id"]: row for row in csv.DictReader(f)}


def opening_balances() -> dict[str, int]:
    """The seed (sync/server/seed.py) opens each resident with the CSV balance."""
    return {rid: int(row["balance"]) for rid, row in demo_residents().items()}


@dataclass
class Expected:
    sale_ids: set[str] = field(default_factory=set)
    refund_ids: set[str] = field(default_factory=set)
    sale_times: dict[str, datetime] = field(default_factory=dict)
    #: per sale: (share_bps, points_bps) of the contract in force at the sale's time
    sale_contract: dict[str, tuple[int, int]] = field(default_factory=dict)
    earned: Counter[str] = field(default_factory=Counter)  # resident → net points of this till
    member_sales: int = 0
    lottery_lines: int = 0


def recompute(
    data_dir: Path, contracts: Sequence[tuple[datetime, int, int]] = (C001_DEMO_CONTRACT,)
) -> Expected:
    """What the server must hold, from the till's own tables and the contract formula:

        points(sale) = floor(kept_eligible_fen × share_bps × points_bps / 10⁸)

    with `kept_eligible_fen` = the non-voided lines outside the lottery and deposit
    categories, minus what refunds gave back on those lines; the contract is the
    version of the store's community (C001) in force at the sale's time; only
    residents of the store's property company earn. Summed over a sale's refunds,
    recompute-and-claw-back telescopes to exactly this figure.
    """
    companies = {rid: row["property_company_id"] for rid, row in demo_residents().items()}
    out = Expected()
    with _till_db(data_dir) as conn:
        sales = conn.execute("SELECT id, created_at, eligible_fen FROM sales").fetchall()
        lines = conn.execute(
            "SELECT sale_id, line_no, category, amount_fen, voided FROM sale_lines"
        ).fetchall()
        members = dict(conn.execute("SELECT sale_id, resident_id FROM sale_members").fetchall())
        refunds = dict(conn.execute("SELECT id, sale_id FROM refunds").fetchall())
        refund_lines = conn.execute(
            "SELECT refund_id, line_no, amount_fen FROM refund_lines"
        ).fetchall()
    eligible_line: dict[tuple[str, int], bool] = {}
    eligible: Counter[str] = Counter()
    for sale_id, line_no, category, amount, voided in lines:
        ok = not voided and category not in NO_POINTS_CATEGORIES
        eligible_line[(sale_id, line_no)] = ok
        eligible[sale_id] += amount if ok else 0
        out.lottery_lines += category == "lottery"
    given_back: Counter[str] = Counter()
    for refund_id, line_no, amount in refund_lines:
        sale_id = refunds[refund_id]
        if eligible_line[(sale_id, line_no)]:
            given_back[sale_id] += amount
    for sale_id, created_at, till_eligible in sales:
        # a cross-check of the rule above against what the till itself stored
        assert eligible[sale_id] == till_eligible, (sale_id, eligible[sale_id], till_eligible)
        when = datetime.fromisoformat(created_at)
        out.sale_ids.add(sale_id)
        out.sale_times[sale_id] = when
        in_force = [c for c in contracts if c[0] <= when]
        share_bps, points_bps = max(in_force)[1:] if in_force else (0, 0)
        out.sale_contract[sale_id] = (share_bps, points_bps)
        resident = members.get(sale_id)
        if resident is None:
            continue
        out.member_sales += 1
        if companies.get(resident) != STORE_COMPANY:
            continue
        kept = eligible[sale_id] - given_back[sale_id]
        out.earned[resident] += kept * share_bps * points_bps // 100_000_000
    out.refund_ids = set(refunds)
    return out


# --- the server's side ----------------------------------------------------------------------


@dataclass
class ServerView:
    orders: Counter[str]
    refunds: Counter[str]
    ledger_sources: Counter[tuple[str, str]]
    ledger_sum: dict[str, int]
    cached_balance: dict[str, int]
    order_rows: dict[str, Order]


def server_view(database_url: str) -> ServerView:
    """The central database read directly (SQLAlchemy, from the server's URL)."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            orders = Counter(s.scalars(select(Order.sale_id)))
            refunds = Counter(s.scalars(select(Refund.refund_id)))
            sources = Counter(
                (k, i) for k, i in s.execute(select(LedgerEntry.source_kind, LedgerEntry.source_id))
            )
            ledger_sum = dict(
                s.execute(
                    select(LedgerEntry.resident_id, func.sum(LedgerEntry.points)).group_by(
                        LedgerEntry.resident_id
                    )
                ).all()
            )
            cached = dict(s.execute(select(Resident.id, Resident.balance)).all())
            rows = {o.sale_id: o for o in s.scalars(select(Order))}
            s.expunge_all()
    finally:
        engine.dispose()
    return ServerView(
        orders, refunds, sources, {k: int(v) for k, v in ledger_sum.items()}, cached, rows
    )


def assert_server_matches_till(
    server_url: str,
    database_url: str,
    data_dir: Path,
    contracts: Sequence[tuple[datetime, int, int]] = (C001_DEMO_CONTRACT,),
) -> Expected:
    """Every sale and refund of the till exactly once on the server, and every
    resident's live balance = opening + what the recomputation says was earned."""
    expected = recompute(data_dir, contracts)
    view = server_view(database_url)
    assert set(view.orders) == expected.sale_ids, "the server's orders differ from the till's sales"
    assert all(n == 1 for n in view.orders.values())
    assert set(view.refunds) == expected.refund_ids
    assert all(n == 1 for n in view.refunds.values())
    assert all(n == 1 for n in view.ledger_sources.values()), "a ledger source counted twice"
    openings = opening_balances()
    # the balance cache moves with the ledger (every resident, R0901 included)
    assert view.cached_balance == {r: view.ledger_sum.get(r, 0) for r in view.cached_balance}
    session = SyncSession(server_url, token(data_dir), timeout=(5.0, 15.0))
    try:
        balances = {rid: session.resident(rid).balance for rid in member_residents()}
    finally:
        session.close()
    wanted = {rid: openings[rid] + expected.earned[rid] for rid in member_residents()}
    assert balances == wanted, f"balances {balances} != opening + earned {wanted}"
    assert view.ledger_sum.get("R0901", 0) == openings["R0901"]  # other company: untouched
    return expected
