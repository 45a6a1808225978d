"""Receipts are pure Python: no Qt, no database, no python-escpos printer code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULES = [
    "pos_app.receipts.document",
    "pos_app.receipts.layout",
    "pos_app.receipts.escpos_encoder",
    "pos_app.receipts.escpos_decoder",
    "pos_app.receipts.preview",
]


def test_receipts_import_no_qt_or_sqlalchemy() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6', 'sqlalchemy') or k in ('escpos.printer', 'escpos.capabilities'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
