"""`yuancang-central settlement` in its three formats (the XLSX read back with openpyxl,
the CSV with its BOM), close and verify from the command line, and the settlement
route over real HTTP on 127.0.0.1 with each scope's refusals."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest
import requests

from sync.server import tokens
from sync.server.__main__ import main
from sync.server.api.settlement import SettlementOut
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.tokens import Role
from tests.sync.server.helpers import R0001, RICE, TEA, WATER, Till, sale_payload

#: the month of "now" (open: provisional) and the one before (ended: may be closed)
NOW = datetime.now(UTC)
OPEN = f"{NOW:%Y-%m}"
ENDED = "2026-10" if OPEN == "2026-11" else f"{NOW.year - 1}-12"


def _sales(till: Till) -> int:
    """Two sales pushed now; what customers paid for them."""
    sales = [sale_payload([(TEA, 1), (WATER, 2)], member=R0001),
             sale_payload([(RICE, 1)], sequence=2)]  # fmt: skip
    assert {r["status"] for r in till.push_ok([till.next_item("sale", s) for s in sales])} == {
        "accepted"
    }
    return sum(s["total_fen"] for s in sales)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["settlement", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_three_formats_close_and_verify(
    db_url: str, till: Till, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paid = _sales(till)
    base = ["--db", db_url, "--community", "C001"]
    for fmt in ("json", "csv", "xlsx"):
        assert _run(capsys, *base, "--month", OPEN, "--format", fmt,
                    "--output", str(tmp_path / f"s.{fmt}"))[0] == 0  # fmt: skip
    document = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    SettlementOut.model_validate(document)  # the route's documented schema, no extra key
    assert (document["gross_sales_fen"], document["orders"]) == (paid, 2)
    assert document["share_fen"] == paid * 1000 // 10_000 and document["provisional"] is True
    raw = (tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["项目", "key", "值"]
    assert ["销售额(分)", "gross_sales_fen", str(paid)] in rows
    assert ["社区", "community_name", "示范社区"] in rows
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    summary = {r[1]: r[2] for r in book["汇总 summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["gross_sales_fen"] == paid and summary["share_fen"] == document["share_fen"]
    contracts = list(book["合同版本 contracts"].iter_rows(values_only=True))
    assert contracts[0][0] == "合同版本" and contracts[1][5] == paid

    key = tmp_path / "keys" / "settlement.key"
    code, out, _ = _run(capsys, *base, "--month", ENDED, "close", "--key", str(key))
    assert code == 0 and out.startswith(f"closed C001 {ENDED}: sha256 ")
    assert key.stat().st_mode & 0o777 == 0o600
    assert _run(capsys, *base, "--month", ENDED, "verify")[:2] == (
        0, f"ok C001 {ENDED}: hash, signature and figures agree\n")  # fmt: skip
    code, _, err = _run(capsys, *base, "--month", ENDED, "close", "--key", str(key))
    assert (code, err) == (1, f"error: C001 {ENDED} is closed already\n")
    code, _, err = _run(capsys, *base, "--month", OPEN, "close", "--key", str(key))
    assert code == 1 and "has not ended yet" in err
    key.chmod(0o644)  # a signing key others can read is no longer the company's alone
    code, _, err = _run(capsys, *base, "--month", "2025-06", "close", "--key", str(key))
    assert (code, err) == (1, f"error: {key} is accessible by others; chmod 600 it\n")
    code, _, err = _run(capsys, *base, "--month", "2026-13")
    assert (code, err) == (1, "error: month '2026-13': expected YYYY-MM\n")
    code, _, err = _run(capsys, "--db", db_url, "--community", "C404", "--month", OPEN)
    assert (code, err) == (1, "error: unknown community C404\n")
    code, _, err = _run(capsys, *base, "--month", OPEN, "verify")
    assert (code, err) == (1, f"C001 {OPEN}: not closed\n")


def test_the_route_over_http_and_its_scopes(
    db_url: str,
    db: Database,
    till: Till,
    tmp_path: Path,
    start_live_server: Callable[..., ServerProcess],
    capsys: pytest.CaptureFixture[str],
) -> None:
    paid = _sales(till)
    key = tmp_path / "settlement.key"
    assert main(["settlement", "close", "--db", db_url, "--community", "C001", "--month", ENDED,
                 "--key", str(key)]) == 0  # fmt: skip
    with db.write() as session:
        ops, p001, p900, s001 = (
            tokens.issue(session, role=Role.OPERATIONS, now=NOW).token,
            tokens.issue(session, role=Role.PROPERTY_COMPANY, now=NOW, company="P001").token,
            tokens.issue(session, role=Role.PROPERTY_COMPANY, now=NOW, company="P900").token,
            tokens.issue(session, role=Role.STORE_MANAGER, now=NOW, store="S001").token,
        )
    server = start_live_server(db_url)

    def get(
        token: str, company: str, community: str, month: str = OPEN, **query: str
    ) -> requests.Response:
        return requests.get(
            f"{server.api}/companies/{company}/communities/{community}/settlements/{month}",
            headers={"Authorization": f"Bearer {token}"}, params=query, timeout=30,
        )  # fmt: skip

    for token in (ops, p001):
        r = get(token, "P001", "C001")
        assert r.status_code == 200, r.text
        assert (r.json()["gross_sales_fen"], r.json()["provisional"]) == (paid, True)
    closed = get(p001, "P001", "C001", ENDED).json()
    assert closed["provisional"] is False and closed["as_of"] is not None
    assert get(p900, "P900", "C900").json()["community_name"] == "外部小区"
    refusals = {
        "another company's path": get(p900, "P001", "C001"),
        "a community of another company": get(p001, "P001", "C900"),
        "an unknown community": get(p001, "P001", "C404"),
        "a store manager": get(s001, "P001", "C001"),
        "a till": get(till.token, "P001", "C001"),
    }
    assert {k: (r.status_code, r.json()["code"]) for k, r in refusals.items()} == {
        "another company's path": (403, "wrong_company"),
        "a community of another company": (403, "wrong_company"),
        "an unknown community": (403, "wrong_company"),
        "a store manager": (403, "out_of_scope"),
        "a till": (403, "out_of_scope"),
    }
    assert get(ops, "P404", "C001").status_code == 404
    assert get(ops, "P001", "C001", "2026-13").status_code == 422
    xlsx = get(p001, "P001", "C001", format="xlsx")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    rows = book.active.iter_rows(values_only=True)
    assert [r[2] for r in rows if r[1] == "gross_sales_fen"] == [paid]
    body = get(p001, "P001", "C001", format="csv").content
    assert body.startswith(b"\xef\xbb\xbf") and "净营收(分)".encode() in body
