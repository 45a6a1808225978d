"""docs/promotions.md's worked examples and returns, each row run as a test: the
promotions come from the document's JSON block (through the codec), the carts,
moments, nets, savings, hints and refunds from its tables, so the document and
the engine cannot drift apart."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import price
from pos_app.core.promo_refund import held_after_sale, plan_promo_refund
from pos_app.core.promotions import SHOWROOM_TZ, PromoContext, PromoLine, Promotion

DOC = Path(__file__).resolve().parents[3] / "docs" / "promotions.md"
TEXT = DOC.read_text(encoding="utf-8")
_LINE = re.compile(r"^(\d+) (\S+) (\S+) (\d+\.\d\d)(/kg)?×(\d+)(g?)$")


def _section(title: str) -> str:
    start = TEXT.index(f"## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else len(TEXT)]


def _promotions() -> dict[str, Promotion]:
    block = _section("Promotions used in the examples")
    raw = block[block.index("```json\n") + 8 : block.index("\n```", block.index("```json"))]
    promos = [promotion_from_dict(item) for item in json.loads(raw)]
    return {p.promo_id: p for p in promos}


PROMOS = _promotions()


def _rows(title: str) -> list[list[str]]:
    rows = []
    for line in _section(title).splitlines():
        if re.match(r"^\| \d+ \|", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _cart(text: str) -> list[PromoLine]:
    lines = []
    for item in text.split("; "):
        match = _LINE.match(item)
        assert match, item
        no, sku, category, amount, per_kg, qty, grams = match.groups()
        assert bool(per_kg) == bool(grams), item
        unit = Unit.KG if per_kg else Unit.PIECE
        lines.append(PromoLine(int(no), sku, category, Money.parse(amount), int(qty), unit))
    return lines


def _context(text: str) -> PromoContext:
    day, clock, *who = text.split(" ")
    moment = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHOWROOM_TZ)
    event = next((w.removeprefix("event=") for w in who if w.startswith("event=")), None)
    return PromoContext(moment, member="member" in who, event_id=event)


def _by_key(text: str, key: type[int] | type[str] = int) -> dict[int | str, Money]:
    if text == "–":
        return {}
    pairs = [part.replace(":", "").split(" ") for part in text.split("; ")]
    return {key(k): Money.parse(v) for k, v in pairs}


def _promos(text: str) -> list[Promotion]:
    return [PROMOS[name.strip()] for name in text.split(",")]


EXAMPLES = _rows("Worked examples")
RETURNS = _rows("Worked returns")


def test_the_document_has_its_examples() -> None:
    assert len(EXAMPLES) == 25
    assert len(RETURNS) == 5
    assert len(PROMOS) == 11


@pytest.mark.parametrize("row", EXAMPLES, ids=[row[0] for row in EXAMPLES])
def test_worked_example(row: list[str]) -> None:
    _, promos, cart, when, nets, savings, hints, total = row
    result = price(_cart(cart), _promos(promos), _context(when))
    assert result.nets() == _by_key(nets)
    assert {a.promo_id: a.saving for a in result.totals} == _by_key(savings, str)
    assert {h.promo_id: h.missing for h in result.hints} == _by_key(hints, str)
    assert result.total == Money.parse(total)
    assert sum((ln.net for ln in result.lines), Money(0)) == result.total


@pytest.mark.parametrize("row", RETURNS, ids=[row[0] for row in RETURNS])
def test_worked_return(row: list[str]) -> None:
    _, promos, cart, when, keep, refunds, total = row
    lines, context, book = _cart(cart), _context(when), _promos(promos)
    sale = price(lines, book, context)
    kept = {int(k): int(v) for k, v in (p.split(": ") for p in keep.split("; "))}
    plan = plan_promo_refund(lines, held_after_sale(lines, sale), kept, book, context)
    assert {r.line_no: r.refund for r in plan.lines} == _by_key(refunds)
    assert plan.total == Money.parse(total)
    assert sum(h.net.fen for h in plan.held_after.values()) == sale.total.fen - plan.total.fen
