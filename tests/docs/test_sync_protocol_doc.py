"""docs/sync-protocol.md tells every status and error code the server has, its real limits,
and never points into the source code."""

from __future__ import annotations

import re
from pathlib import Path

from sync.protocol.codes import ErrorCode
from sync.server.app import create_app
from sync.server.config import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"


def _error_table() -> list[tuple[int, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Error bodies") : text.index("## Limits")]
    return [(int(m[1]), m[2]) for m in re.finditer(r"^\| (\d{3}) \| `(\w+)` \|", section, re.M)]


def test_every_error_code_and_status_is_documented() -> None:
    rows = _error_table()
    assert {code for _, code in rows} == {c.value for c in ErrorCode}
    declared = {
        int(status)
        for item in create_app(Settings(database_url="sqlite://")).openapi()["paths"].values()
        for operation in item.values()
        for status in operation["responses"]
        if status != "200"
    }
    assert declared <= {status for status, _ in rows}


def test_the_limits_are_the_servers() -> None:
    text = DOC.read_text(encoding="utf-8")
    s = Settings()
    assert f"4 MiB ({s.max_body_bytes:,} bytes)" in text
    assert (
        f"a burst of {s.enroll_burst_per_address}, then {s.enroll_per_minute_per_address:g}" in text
    )
    assert f"a burst of {s.enroll_burst_global}, then {s.enroll_per_minute_global:g}" in text
    assert f"clamped to {s.changes_max_limit:,} (default {s.changes_default_limit:,})" in text


def test_no_pointers_into_the_source() -> None:
    text = DOC.read_text(encoding="utf-8")
    pointers = re.findall(
        r"[\w/]+\.py\b|pos_app[\w.]*|sync/[\w/]+|\b(?:messages|payloads)\.\w+", text
    )
    assert pointers == []
