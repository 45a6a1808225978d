"""`yuancang-central bills …`, `collection` and `showroom` on a demo SQLite database: what
they print and their exit status (0 done, 1 refused with nothing written, 2 bad arguments)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.bills import BillPayment
from sync.server.models.partners import Community
from sync.server.models.residents import Bill
from tests.sync.server.bill_helpers import BILL_HEADER, PAYMENT_HEADER, csv_bytes, xlsx_bytes


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(sqlite_demo_url: Callable[[], str]) -> str:
    return sqlite_demo_url()


def _counts(url: str) -> tuple[int, int]:
    db = Database(url)
    try:
        with db.read() as session:
            return (
                int(session.scalar(select(func.count()).select_from(Bill)) or 0),
                int(session.scalar(select(func.count()).select_from(BillPayment)) or 0),
            )
    finally:
        db.dispose()


def test_bills_payments_and_the_rate_from_the_command_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bills = tmp_path / "bills.xlsx"
    bills.write_bytes(xlsx_bytes([BILL_HEADER, ["3-2-1102", "", "2026-12", 300.5]]))
    assert _run(capsys, "bills", "import", "--db", url, "--community", "C001", str(bills)) == (
        0, "import: 1 rows, 1 new, 0 updated, 0 unchanged\n", "")  # fmt: skip
    assert _run(capsys, "bills", "import", "--db", url, "--community", "C001", str(bills))[1] == (
        "import: 1 rows, 0 new, 0 updated, 1 unchanged\n")  # fmt: skip
    for fen in ("100", "101"):  # an unpaid bill's new amount: said, line by line
        later = tmp_path / f"bills-{fen}.csv"
        later.write_bytes(csv_bytes([BILL_HEADER, ["1-3-201", "", "2027-01", fen]]))
        code, out, _ = _run(capsys, "bills", "import", "--db", url, "--community", "C001",
                            str(later))  # fmt: skip
    assert (code, out) == (
        0,
        "import: 1 rows, 0 new, 1 updated, 0 unchanged\n"
        "row 2: B-R0003-2027-01 2027-01 10000 -> 10100 fen\n",
    )
    payments = tmp_path / "payments.csv"
    payments.write_bytes(csv_bytes([PAYMENT_HEADER,
                                    ["3-2-1102", "2026-12", "100", "现金", "2026-11-20", "S1"]],
                                   encoding="gb18030"))  # fmt: skip
    code, out, _ = _run(capsys, "bills", "payments", "--db", url, "--community", "C001",
                        str(payments))  # fmt: skip
    assert (code, out) == (0, "payments: 1 rows, 1 new, 0 updated, 0 unchanged\n")
    pay = ["bills", "pay", "--db", url, "--community", "C001", "--room", "3栋2单元1102",
           "--period", "2026-12", "--method", "cash", "--paid-on", "2026-11-21"]  # fmt: skip
    assert _run(capsys, *pay, "--amount", "200.50", "--reference", "S2") == (
        0, "recorded: bill B-R0001-2026-12, open 0 fen\n", "")  # fmt: skip
    assert _run(capsys, *pay, "--amount", "200.50", "--reference", "S2")[1].startswith("duplicate")
    code, _out, err = _run(capsys, *pay, "--amount", "0.01", "--reference", "S3")
    assert (code, err) == (1, "error: over_bill: bill B-R0001-2026-12 would be overpaid\n")
    code, _out, err = _run(capsys, *pay, "--amount", "1.234", "--reference", "S4")
    assert code == 1 and "--amount '1.234'" in err

    assert _run(capsys, "showroom", "--db", url, "--community", "C001", "--opened",
                "2026-12-01") == (0, "showroom of C001: 2026-12-01\n", "")  # fmt: skip
    code, out, _ = _run(capsys, "collection", "--db", url, "--community", "C001", "--from",
                        "2026-11", "--to", "2026-12", "--as-of", "2026-11-30")  # fmt: skip
    report = json.loads(out)
    assert code == 0 and report["months"][1] == {
        "label": "2026-12", "bills": 1, "billed_fen": 30050, "cash_fen": 30050, "points_fen": 0,
        "collected_fen": 30050, "rate": "1/1", "rate_percent": "100.00", "points_share": "0/1",
        "points_share_percent": "0.00",
    }  # fmt: skip
    assert report["before_showroom"]["label"] == "before"
    assert report["after_showroom"]["billed_fen"] == 30050
    out_file = tmp_path / "rate.xlsx"
    code, out, _ = _run(capsys, "collection", "--db", url, "--community", "C001", "--from",
                        "2026-12", "--to", "2026-12", "--as-of", "2026-11-30", "--format",
                        "xlsx", "--out", str(out_file))  # fmt: skip
    assert code == 0 and str(out_file) in out
    rows = list(load_workbook(out_file).active.iter_rows(values_only=True))
    assert rows[2][:5] == ("2026-12", 1, 30050, 30050, 0)
    assert _run(capsys, "showroom", "--db", url, "--community", "C001", "--clear")[0] == 0
    db = Database(url)
    with db.read() as session:
        assert session.get(Community, "C001").showroom_opened_on is None  # type: ignore[union-attr]
    db.dispose()


def test_a_bad_file_is_refused_whole_with_exit_status_1(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(url)
    bad = tmp_path / "bills.csv"
    bad.write_bytes(csv_bytes([BILL_HEADER, ["1-3-201", "", "2027-01", "100"],
                               ["1-3-201", "", "2027-02", "1.001"]]))  # fmt: skip
    code, out, err = _run(capsys, "bills", "import", "--db", url, "--community", "C001", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "row 3, column 应收金额: bad_amount: '1.001' is not an amount in yuan above 0 with at "
        "most 2 decimals / “1.001”不是大于 0、最多两位小数的元金额",
        "error: 1 bad rows: nothing imported / 1 行有误，未导入任何数据",
    ]
    assert _counts(url) == before
    code, _out, err = _run(capsys, "bills", "import", "--db", url, "--community", "C777", str(bad))
    assert (code, err) == (1, "error: not_found: unknown community C777\n")
    code, _out, err = _run(capsys, "collection", "--db", url, "--community", "C001", "--from",
                           "2026-01", "--to", "2026-02", "--format", "xlsx")  # fmt: skip
    assert (code, err) == (1, "error: --format xlsx needs --out FILE\n")


def test_bad_arguments_exit_2(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["bills", "import", "--db", url, "--community", "C001"],
                 ["bills", "pay", "--db", url, "--community", "C001", "--room", "1"],
                 ["collection", "--db", url, "--community", "C001", "--from", "2026-01"],
                 ["showroom", "--db", url, "--community", "C001", "--opened", "soon"]):  # fmt: skip
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
    capsys.readouterr()
    code, _out, err = _run(capsys, "bills", "import", "--db", url, "--community", "C001",
                           "/nonexistent/bills.csv")  # fmt: skip
    assert code == 2 and err.startswith("error: cannot read /nonexistent/bills.csv")
