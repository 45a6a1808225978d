"""A community in the portal over HTTP: the month's settlement as the settlement
module publishes it (provisional while open; closed, signed and frozen after), its
downloads, and nothing of another company's communities."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.portal import accounts, figures
from sync.server.settlement_close import close
from sync.server.settlement_period import month_of
from tests.sync.server.helpers import R0001, TEA, WATER, enroll, sale_payload
from tests.sync.server.page_helpers import table_rows
from tests.sync.server.test_portal_pages import PASSWORD, sign_in

NOW = datetime.now(UTC)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


@pytest.fixture
def web(db_url: str, db: Database) -> Iterator[TestClient]:
    with db.write() as session:
        accounts.add_user(
            session, username="p001-finance", password=PASSWORD, role="property-company",
            company_id="P001", now=NOW,
        )  # fmt: skip
        accounts.add_user(
            session, username="p900-finance", password=PASSWORD, role="property-company",
            company_id="P900", now=NOW,
        )  # fmt: skip
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client


@pytest.fixture
def sold(web: TestClient, db_url: str) -> list[dict[str, object]]:
    """Two sales at S001 (community C001) this month: a member's tea, an anonymous water."""
    till = enroll(web, enrollment_code(db_url, store="S001", terminal="T01"))
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    sales = [
        sale_payload([(TEA, 1)], member=R0001, when=when),
        sale_payload([(WATER, 2)], when=when + timedelta(seconds=1), sequence=2),
    ]
    results = till.push_ok([till.next_item("sale", s) for s in sales])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    return sales


def _yuan(fen: int) -> str:
    return f"￥{fen // 100:,}.{fen % 100:02d}"


def test_the_month_shows_the_settlement_of_its_sales(web: TestClient, sold: list) -> None:  # type: ignore[type-arg]
    sign_in(web, "p001-finance")
    page = web.get("/portal/c/C001")
    assert page.status_code == 200
    html = page.text
    net = sum(int(s["total_fen"]) for s in sold)
    assert net == 12800 + 400
    assert f'id="net">{_yuan(net)}<' in html
    assert f'id="share">{_yuan(net * 1000 // 10_000)}<' in html  # the demo contract: 10 %
    assert "暂估 · 未结账" in html
    month = month_of(NOW)
    assert table_rows(html, "contracts")[1][3:5] == ["2", _yuan(net)]
    assert html.count("<svg") == 3  # collection rate, net revenue and share, points
    assert "<script" not in html  # pygal's inline script taken out: the CSP would refuse it
    assert "茶" not in html and "TEA" not in html  # figures, never a basket
    assert f'<option value="{month}" selected>' in html


def test_a_downloaded_month_is_the_same_document(web: TestClient, sold: list) -> None:  # type: ignore[type-arg]
    sign_in(web, "p001-finance")
    month = month_of(NOW)
    xlsx = web.get(f"/portal/c/C001/settlement/{month}.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.headers["content-disposition"] == (
        f'attachment; filename="settlement-C001-{month}-provisional.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
    cells = [tuple(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert any("net_revenue_fen" in row and 13200 in row for row in cells)
    as_json = web.get(f"/portal/c/C001/settlement/{month}.json").json()
    assert as_json["net_revenue_fen"] == 13200 and as_json["provisional"] is True
    assert web.get(f"/portal/c/C001/settlement/{month}.csv").content.startswith(b"\xef\xbb\xbf")


def test_a_closed_month_is_shown_signed(web: TestClient, db: Database, tmp_path: Path) -> None:
    previous = figures.months_back(month_of(NOW), 2)[0]
    with db.write() as session:
        row = close(session, community_id="C001", month=previous, key_file=tmp_path / "k", now=NOW)
    sign_in(web, "p001-finance")
    html = web.get(f"/portal/c/C001?month={previous}").text
    assert "已结算 · 已签名" in html and row.sha256 in html
    assert f"{previous}（已结算）" in html
    download = web.get(f"/portal/c/C001/settlement/{previous}.json")
    assert "closed" in download.headers["content-disposition"]
    assert download.json()["provisional"] is False


def test_another_companys_community_is_like_an_unknown_one(web: TestClient) -> None:
    sign_in(web, "p900-finance")
    other = web.get("/portal/c/C001")
    unknown = web.get("/portal/c/C404")
    assert other.status_code == unknown.status_code == 404
    assert other.text == unknown.text
    month = month_of(NOW)
    for fmt in ("xlsx", "csv", "json"):
        assert web.get(f"/portal/c/C001/settlement/{month}.{fmt}").status_code == 404
    assert web.get("/portal/c/C900").status_code == 200  # its own


def test_without_a_session_nothing_is_shown(web: TestClient) -> None:
    page = web.get("/portal/c/C001")
    assert "登录合作方门户" in page.text and "净营收" not in page.text
    month = month_of(NOW)
    assert web.get(f"/portal/c/C001/settlement/{month}.json").status_code == 401


@pytest.mark.parametrize("month", ["2026-13", "26-11", "2026-1", "x" * 7])
def test_a_bad_month_is_a_page_that_says_so(web: TestClient, month: str) -> None:
    sign_in(web, "p001-finance")
    page = web.get(f"/portal/c/C001?month={month}")
    assert page.status_code == 400 and "月份格式不对" in page.text
    assert web.get(f"/portal/c/C001/settlement/{month}.json").status_code == 404
    assert web.get("/portal/c/C001/settlement/2026-11.exe").status_code == 404


def test_months_back() -> None:
    assert figures.months_back("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
    assert figures.months_back("2026-11", 1) == ["2026-11"]


def test_the_collection_rate_of_the_month_and_its_download(
    web: TestClient, db: Database, db_url: str
) -> None:
    import uuid
    from decimal import ROUND_HALF_UP, Decimal

    from sqlalchemy import select

    from sync.server.models.residents import Bill, Resident

    till = enroll(web, enrollment_code(db_url, store="S001", terminal="T01"))
    paid = till.post(
        "/redemptions",
        {"redemption_id": str(uuid.uuid4()), "resident_id": "R0001",
         "bill_id": "B-R0001-2026-10", "points": 500},
    )  # fmt: skip
    assert paid.status_code == 200, paid.text
    with db.read() as session:
        billed = sum(
            session.scalars(
                select(Bill.amount_fen)
                .join(Resident, Resident.id == Bill.resident_id)
                .where(Resident.community_id == "C001", Bill.period == "2026-10")
            )
        )
    expected = (Decimal(500) * 100 / billed).quantize(Decimal("0.01"), ROUND_HALF_UP)
    sign_in(web, "p001-finance")
    html = web.get("/portal/c/C001?month=2026-10").text
    assert f'id="rate">{expected}%<' in html
    assert "其中积分抵扣" in html and "￥5.00（100.00%）" in html
    assert html.count("<svg") == 3
    sheet = web.get("/portal/c/C001/collection/2026-10.csv")
    assert sheet.status_code == 200 and sheet.content.startswith(b"\xef\xbb\xbf")
    assert "2025-11" in sheet.content.decode("utf-8-sig")  # the twelve months ending 2026-10
    sign_in(web, "p900-finance")
    assert web.get("/portal/c/C001/collection/2026-10.csv").status_code == 404
