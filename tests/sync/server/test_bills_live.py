"""Bills, payments and the collection rate over real HTTP on 127.0.0.1 (the server in its
own process, SQLite and PostgreSQL): a property company imports and reads its own
communities only; every other credential is refused before anything is read or written."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import requests
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from sync.server import tokens
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.bills import BillPayment
from sync.server.models.residents import Bill
from sync.server.tokens import Role
from tests.sync.server.bill_helpers import BILL_HEADER, csv_bytes, xlsx_bytes
from tests.sync.server.helpers import enroll

pytestmark = pytest.mark.slow

BILLS = [BILL_HEADER, ["3栋2单元1102", "张晓明", "2026-12", "260.00"],
         ["5-1-603", "", "2026-12", "99.99"]]  # fmt: skip
C001 = "/companies/P001/communities/C001"


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Bill)) or 0),
            int(session.scalar(select(func.count()).select_from(BillPayment)) or 0),
        )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_company_imports_pays_and_reads_its_own_and_nothing_else(
    backend: str, start_live_server: Callable[..., ServerProcess], request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_demo_url" if backend == "postgresql" else "sqlite_demo_url")()
    server = start_live_server(url)
    db = Database(url, pool_size=1, max_overflow=1)
    http = requests.Session()
    try:
        now = datetime.now(UTC)
        with db.write() as session:
            tok = {
                "p001": tokens.issue(session, role=Role.PROPERTY_COMPANY, now=now, company="P001"),
                "p900": tokens.issue(session, role=Role.PROPERTY_COMPANY, now=now, company="P900"),
                "ops": tokens.issue(session, role=Role.OPERATIONS, now=now),
                "s001": tokens.issue(session, role=Role.STORE_MANAGER, now=now, store="S001"),
            }
        till = enroll(http, server.enrollment_code("S001", "T01"), base=server.api)

        def call(method: str, path: str, who: str, **kw: object) -> requests.Response:
            token = till.token if who == "till" else tok[who].token
            headers = {"Authorization": f"Bearer {token}"}
            return http.request(method, server.api + path, headers=headers, timeout=30, **kw)  # type: ignore[arg-type]

        body = csv_bytes(BILLS, encoding="gb18030")
        before = _counts(db)
        # every wrong credential or place: refused, and nothing written
        refusals = [
            ("p900", C001, 403, "wrong_company"),  # another company's token
            ("p001", "/companies/P900/communities/C900", 403, "wrong_company"),
            ("p001", "/companies/P001/communities/C900", 403, "wrong_company"),  # not its own
            ("p001", "/companies/P001/communities/C777", 403, "wrong_company"),  # nor unknown
            ("ops", "/companies/P001/communities/C777", 404, "not_found"),
            ("ops", "/companies/P001/communities/C900", 403, "wrong_company"),
            ("till", C001, 403, "out_of_scope"),
            ("s001", C001, 403, "out_of_scope"),
        ]
        for who, base, status, code in refusals:
            for method, path, kw in (
                ("POST", "/bills/import", {"data": body}),
                ("POST", "/payments/import", {"data": body}),
                ("POST", "/payments", {"json": {"room": "3-2-1102", "period": "2026-10",
                 "reference": "R1", "method": "cash", "amount_fen": 1,
                 "paid_at": "2026-11-01T00:00:00Z"}}),
                ("GET", "/collection?from=2026-01&to=2026-12", {}),
            ):  # fmt: skip
                got = call(method, base + path, who, **kw)
                assert (got.status_code, got.json()["code"]) == (status, code), (who, base, path)
        assert _counts(db) == before

        # its own community: a GB18030 CSV, then the same bills as XLSX (unchanged)
        done = call("POST", f"{C001}/bills/import", "p001", data=body)
        assert done.status_code == 200 and done.json() == {
            "rows": 2, "created": 2, "updated": 0, "unchanged": 0, "amended": []}  # fmt: skip
        again = call("POST", f"{C001}/bills/import", "ops", data=xlsx_bytes(BILLS))
        assert again.json() == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2,
                                "amended": []}  # fmt: skip
        fixed = [BILLS[0], BILLS[1], ["5-1-603", "", "2026-12", "100"]]  # unpaid: may change
        amended = call("POST", f"{C001}/bills/import", "p001", data=csv_bytes(fixed)).json()
        assert (amended["updated"], amended["amended"]) == (1, [
            {"row": 3, "bill_id": "B-R0002-2026-12", "period": "2026-12", "old_fen": 9999,
             "new_fen": 10000}])  # fmt: skip
        bad = call("POST", f"{C001}/bills/import", "p001",
                   data=csv_bytes([BILL_HEADER, ["9-9-9", "", "2026-12", "1"]]))  # fmt: skip
        assert bad.status_code == 422
        assert bad.json() == {
            "code": "import_rejected", "message": "1 bad rows: nothing imported",
            "problems": [{"row": 2, "column": "房号", "code": "unknown_room", "value": "9-9-9",
                          "message": "no resident of this community has room '9-9-9'",
                          "message_zh": "本小区没有房号为“9-9-9”的业主"}],
        }  # fmt: skip

        pay = {"room": "3-2-1102", "period": "2026-12", "reference": "SJ-9", "method": "wechat",
               "amount_fen": 20000, "paid_at": "2026-11-01T02:00:00Z"}  # paid ahead  # fmt: skip
        recorded = call("POST", f"{C001}/payments", "p001", json=pay)
        assert recorded.json() == {"status": "recorded", "bill_id": "B-R0001-2026-12",
                                   "bill_open_fen": 6000}  # fmt: skip
        later = call(
            "POST",
            f"{C001}/payments",
            "p001",
            json=pay | {"reference": "SJ-F", "paid_at": "2099-01-01T00:00:00Z"},
        )
        assert (later.status_code, later.json()["code"]) == (422, "invalid_request")
        assert call("POST", f"{C001}/payments", "p001", json=pay).json()["status"] == "duplicate"
        over = call("POST", f"{C001}/payments", "p001", json=pay | {"reference": "SJ-10",
                                                                   "amount_fen": 6001})  # fmt: skip
        assert (over.status_code, over.json()["code"]) == (409, "over_bill")
        clash = call("POST", f"{C001}/payments", "p001", json=pay | {"amount_fen": 1})
        assert (clash.status_code, clash.json()["code"]) == (409, "payment_conflict")

        # the collection rate, in the three formats, with the same figures
        query = "/collection?from=2026-12&to=2026-12&as_of=2027-01-31"
        report = call("GET", C001 + query, "p001").json()
        december = report["months"][0]
        assert (december["billed_fen"], december["cash_fen"], december["points_fen"]) == (
            36000, 20000, 0)  # fmt: skip
        assert (december["rate"], december["rate_percent"]) == ("5/9", "55.56")
        assert report["before_showroom"] is None  # no opening day set
        text = call("GET", C001 + query + "&format=csv", "p001")
        assert text.headers["content-type"].startswith("text/csv")
        assert text.content.startswith(b"\xef\xbb\xbf")
        lines = text.content.decode("utf-8-sig").splitlines()
        assert lines[1].startswith("账期 period,")
        assert lines[2].split(",")[:9] == ["2026-12", "2", "36000", "20000", "0", "20000",
                                           "200.00", "5/9", "55.56"]  # fmt: skip
        book = load_workbook(io.BytesIO(call("GET", C001 + query + "&format=xlsx", "p001").content))
        rows = list(book.active.iter_rows(values_only=True))
        assert rows[2][:9] == ("2026-12", 2, 36000, 20000, 0, 20000, "200.00", "5/9", "55.56")
        assert call("GET", C001 + query, "p900").status_code == 403
    finally:
        db.dispose()
