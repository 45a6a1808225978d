"""A sale by touch alone at 1024×768 on a real X server (issue 10's walkthrough):
the cashier signed in and the shift opened, a product from the grid, a resident
by phone, a no-code item, cash with 抹零 on the payment window's number pad.
`docs/screenshots/touch_walkthrough.py` taps through the X server with xdotool
and screenshots each step; this test checks what it stored."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.x11 import x_session

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "screenshots" / "touch_walkthrough.py"
SHOTS = [
    "00-sign-in",
    "01-open-shift",
    "02-grid-sale",
    "03-phone-candidates",
    "04-resident",
    "05-no-code-item",
    "06-cart",
    "07-payment-rounding",
    "08-paid",
]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_sale_by_touch_alone_at_1024x768(tmp_path: Path, language: str) -> None:
    if shutil.which("import") is None:
        pytest.skip("ImageMagick's import is missing")
    with x_session("1024x768") as env:
        env["PYTHONPATH"] = str(ROOT)
        result = subprocess.run(
            [sys.executable, str(SCRIPT), str(tmp_path), language],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
            check=False,
        )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    assert lines, result.stdout + result.stderr
    report = json.loads(lines[-1])
    assert "error" not in report, report
    assert report["done"] == SHOTS
    for name in SHOTS:
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000  # a real screen, not black
    # 2 × water at the member price (the resident found by phone) + ¥12.85 no-code tea:
    # ¥16.65, 抹零 ¥0.05 in cash, ¥50 tendered, ¥33.40 change
    assert report["lines"] == [
        ["农夫山泉 饮用天然水 550ml", 2, 380, 0],
        ["无码商品 (茶叶)", 1, 1285, 1],
    ]
    assert report["sales"] == [["S001-T01-000001", 1665, 5, 3340]]
    assert report["payments"] == [["cash", 1660, 5000]]
    assert len(report["member"]) == 1
    assert report["shifts"] == [[20000, None]]  # opened by touch with ¥200, still open
