"""docs/bills.md tells every accepted header, every code of a bad row, and the commands."""

from __future__ import annotations

from pathlib import Path

from sync.server.bill_rows import BILL_COLUMNS, PAYMENT_COLUMNS, PROPERTY_FEE_ITEMS, RowCode

DOC = Path(__file__).resolve().parents[2] / "docs" / "bills.md"


def test_every_header_alias_fee_item_and_row_code_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    aliases = {a for col in BILL_COLUMNS + PAYMENT_COLUMNS for a in col.aliases}
    assert sorted(a for a in aliases | PROPERTY_FEE_ITEMS if a not in text) == []
    assert sorted(c.value for c in RowCode if f"| `{c.value}` |" not in text) == []


def test_the_documented_commands_are_the_parsers() -> None:
    from sync.server.cli.parser import build_parser

    text = DOC.read_text(encoding="utf-8")
    parser = build_parser("x")
    for line in ("bills import", "bills payments", "bills pay", "collection", "showroom"):
        argv = [*line.split(), "--community", "C001"]
        argv += {"bills import": ["f.csv"], "bills payments": ["f.csv"],
                 "bills pay": ["--room", "1", "--period", "2026-10", "--amount", "1",
                               "--method", "cash", "--reference", "R"],
                 "collection": ["--from", "2026-01", "--to", "2026-02"],
                 "showroom": ["--opened", "2026-05-10"]}[line]  # fmt: skip
        parser.parse_args(argv)
        assert f"yuancang-central {line}" in text
