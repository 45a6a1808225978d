"""Importing property-fee bills (SQLite and PostgreSQL): good files in every encoding,
every kind of bad row, all or nothing, and re-imports that change nothing silently."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from sync.server.bill_rows import RowCode
from sync.server.bills import BillError, ImportReport, bill_id_for, import_bills
from sync.server.db import Database
from sync.server.models.residents import Bill, Resident
from tests.sync.server.bill_helpers import BILL_HEADER, add_residents, csv_bytes, xlsx_bytes

GOOD = [
    BILL_HEADER,
    ["3栋2单元1102", "张晓明", "2026年12月", "¥260.00"],
    ["5-1-603", "欧阳建平", "2026-12", "260.5"],
    ["示范社区1栋3单元201", "李娜", "202612", "1,031.07"],
]
EXPECTED = {("R0001", "2026-12"): 26000, ("R0002", "2026-12"): 26050, ("R0003", "2026-12"): 103107}


def _bills(db: Database, community: str = "C001") -> dict[tuple[str, str], tuple[int, int]]:
    with db.read() as session:
        rows = session.execute(
            select(Bill.resident_id, Bill.period, Bill.amount_fen, Bill.paid_fen)
            .join(Resident, Resident.id == Bill.resident_id)
            .where(Resident.community_id == community)
        ).all()
    return {(r, p): (a, paid) for r, p, a, paid in rows}


def _import(db: Database, data: bytes, community: str = "C001") -> ImportReport:
    with db.write() as session:
        return import_bills(session, community_id=community, data=data)


def _problems(report: ImportReport) -> list[tuple[int, str, RowCode]]:
    return [(p.row, p.column, p.code) for p in report.problems]


@pytest.mark.parametrize(
    "make",
    [
        lambda rows: csv_bytes(rows),
        lambda rows: csv_bytes(rows, encoding="utf-8"),
        lambda rows: csv_bytes(rows, encoding="gb18030"),
        xlsx_bytes,
        # Excel keeps numbers as numbers: the amount cells are floats, the period a date
        lambda rows: xlsx_bytes([rows[0]] + [[r[0], r[1], r[2], float(r[3].replace("¥", "")
                                 .replace(",", ""))] for r in rows[1:]]),
    ],
    ids=["csv-utf8-bom", "csv-utf8", "csv-gb18030", "xlsx-text", "xlsx-numbers"],
)  # fmt: skip
def test_a_good_file_imports_every_bill_to_the_fen(
    db: Database, make: Callable[[list[list[str]]], bytes]
) -> None:
    before = _bills(db)
    report = _import(db, make(GOOD))
    assert (report.ok, report.rows, report.created, report.updated, report.unchanged) == (
        True, 3, 3, 0, 0)  # fmt: skip
    after = _bills(db)
    assert {k: v for k, v in after.items() if k not in before} == {
        k: (fen, 0) for k, fen in EXPECTED.items()
    }
    with db.read() as session:
        assert session.get(Bill, "B-R0003-2026-12").amount_fen == 103107  # type: ignore[union-attr]


def test_every_kind_of_bad_row_is_listed_and_nothing_is_imported(db: Database) -> None:
    add_residents(db, "C001", "P001", ["示范社区5栋1单元603"])  # a second resident in 5-1-603
    rows = [
        ["房号", "业主", "账期", "应收金额", "费用项目"],
        ["3-2-1102", "", "2026-12", "260", "物业费"],  # row 2: good
        ["9-9-999", "", "2026-12", "260", ""],  # 3: unknown room
        ["5-1-603", "", "2026-12", "260", ""],  # 4: two residents live there
        ["1-3-201", "", "2026-13", "260", ""],  # 5: bad month
        ["8-2-1705", "", "2026-12", "260.123", ""],  # 6: three decimals
        ["8-2-1705", "", "2026-12", "-1", ""],  # 7: negative
        ["", "", "", "", ""],  # 8: blank: skipped
        ["", "x", "2026-12", "1", ""],  # 9: no room
        ["3-2-1102", "", "2026-12", "260", "停车费"],  # 10: another fee, and row 2 again
        ["1-3-201", "", "", "", ""],  # 11: no month, no amount
    ]
    before = _bills(db)
    report = _import(db, csv_bytes(rows))
    assert not report.ok and report.created == 0
    assert _problems(report) == [
        (3, "房号", RowCode.UNKNOWN_ROOM),
        (4, "房号", RowCode.AMBIGUOUS_ROOM),
        (5, "账期", RowCode.BAD_PERIOD),
        (6, "应收金额", RowCode.BAD_AMOUNT),
        (7, "应收金额", RowCode.BAD_AMOUNT),
        (9, "房号", RowCode.EMPTY_VALUE),
        (10, "", RowCode.DUPLICATE_ROW),
        (10, "费用项目", RowCode.NOT_PROPERTY_FEE),
        (11, "应收金额", RowCode.EMPTY_VALUE),
        (11, "账期", RowCode.EMPTY_VALUE),
    ]
    four = report.problems[1]
    assert four.message_en == "2 residents have room '5-1-603'"
    assert four.message_zh == "有 2 位业主的房号是“5-1-603”"
    assert report.problems[6].detail == "2"  # the duplicate names the first row
    assert _bills(db) == before  # not even row 2


def test_a_reimport_changes_nothing_silently(db: Database) -> None:
    assert _import(db, csv_bytes(GOOD)).created == 3
    again = _import(db, xlsx_bytes(GOOD))
    assert (again.ok, again.created, again.updated, again.unchanged) == (True, 0, 0, 3)
    # an unpaid bill's amount may still be corrected; the others stay as they are
    changed = [GOOD[0], GOOD[1], ["5-1-603", "", "2026-12", "270"], GOOD[3]]
    fixed = _import(db, csv_bytes(changed))
    assert (fixed.ok, fixed.created, fixed.updated, fixed.unchanged) == (True, 0, 1, 2)
    assert [(a.row, a.bill_id, a.period, a.old_fen, a.new_fen) for a in fixed.amended] == [
        (3, "B-R0002-2026-12", "2026-12", 26050, 27000)]  # fmt: skip
    assert _bills(db)[("R0002", "2026-12")] == (27000, 0)
    # once partly paid, its amount is frozen: the whole file is refused
    with db.write() as session:
        bill = session.get(Bill, bill_id_for("R0001", "2026-12"))
        assert bill is not None
        bill.paid_fen = 5000
    refused = _import(db, csv_bytes([GOOD[0], ["3-2-1102", "", "2026-12", "250"],
                                     ["1-3-201", "", "2026-12", "999"]]))  # fmt: skip
    assert _problems(refused) == [(2, "应收金额", RowCode.AMOUNT_CHANGED_AFTER_PAYMENT)]
    assert refused.problems[0].message_zh == "该账单已缴 5000 分，金额不能再改"
    assert refused.problems[0].value == "250.00"
    assert _bills(db)[("R0001", "2026-12")] == (26000, 5000)
    assert _bills(db)[("R0003", "2026-12")] == (103107, 0)  # row 3 was good, and waits too


def test_the_demo_bills_are_the_same_bills(db: Database) -> None:
    """The demo's bills (B-R0001-2026-10, ¥260) are found by room and month, not duplicated."""
    report = _import(db, csv_bytes([BILL_HEADER, ["3-2-1102", "", "2026-10", "260"]]))
    assert (report.created, report.unchanged) == (0, 1)


def test_another_communitys_rooms_are_unknown_here(db: Database) -> None:
    report = _import(db, csv_bytes([BILL_HEADER, ["A座1803", "", "2026-12", "1"]]), "C001")
    assert _problems(report) == [(2, "房号", RowCode.UNKNOWN_ROOM)]
    ok = _import(db, csv_bytes([BILL_HEADER, ["滨江社区A座1803", "", "2026-12", "1"]]), "C002")
    assert ok.created == 1 and _bills(db, "C002")[("R0005", "2026-12")] == (100, 0)


def test_an_unknown_community_or_an_unreadable_file(db: Database) -> None:
    with pytest.raises(BillError) as unknown:
        _import(db, csv_bytes(GOOD), "C777")
    assert (unknown.value.status, unknown.value.code.value) == (404, "not_found")
    report = _import(db, b"\x00\x01garbage")
    assert _problems(report) == [(0, "", RowCode.FILE_UNREADABLE)]


def test_a_long_resident_id_still_makes_a_short_bill_id() -> None:
    assert bill_id_for("R0001", "2026-10") == "B-R0001-2026-10"
    long = bill_id_for("R-" + "x" * 38, "2026-10")
    assert len(long) == 40 and long == bill_id_for("R-" + "x" * 38, "2026-10")
    assert long != bill_id_for("R-" + "x" * 38, "2026-11")


def test_the_same_file_imported_four_times_at_once_creates_each_bill_once(db: Database) -> None:
    """The community's row is locked for the import: the checks of one import hold when it
    writes, and the others then find its bills (never a unique-key error)."""
    import threading

    rows = [BILL_HEADER] + [
        [room, "", f"2027-{m:02d}", "100"]
        for room in ("3-2-1102", "5-1-603", "1-3-201")
        for m in range(1, 13)
    ]
    data = csv_bytes(rows)
    reports: list[ImportReport] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            reports.append(db.run_write(lambda s: import_bills(s, community_id="C001", data=data)))
        except BaseException as exc:  # any failure is the test's finding
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted((r.created, r.unchanged) for r in reports) == [(0, 36)] * 3 + [(36, 0)]


def test_revision_0015_goes_down_and_up_again_keeping_the_bills(db: Database) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from sync.server.db import alembic_config, writer

    assert _import(db, csv_bytes(GOOD)).created == 3
    bills = _bills(db)
    config = alembic_config(writer(db.engine))
    command.downgrade(config, "0012")
    tables = inspect(db.engine)
    assert "bill_payments" not in tables.get_table_names()
    assert "showroom_opened_on" not in {c["name"] for c in tables.get_columns("communities")}
    command.upgrade(config, "head")
    assert _bills(db) == bills
    assert "bill_payments" in inspect(db.engine).get_table_names()
