"""Reading the server's HTML pages in tests: the rows of a table by its id, and the
one-time code from the SMS outbox."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from sync.server.sms import read_outbox


class _Rows(HTMLParser):
    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # >0 inside the wanted table
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """Each row's cell texts (whitespace collapsed), the header row first."""
    parser = _Rows(table_id)
    parser.feed(html)
    return parser.rows


def last_code(outbox: Path, phone: str) -> str:
    texts = [m["text"] for m in read_outbox(outbox) if m["phone"] == phone]
    found = re.search(r"验证码是 (\d{6})", texts[-1])
    assert found is not None, texts
    return found.group(1)
