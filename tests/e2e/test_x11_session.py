"""The real app on a real X server (Xvfb + a window manager), driven like a
person: xdotool types a scan at scanner speed, presses F12, pays cash.

Skipped only when Xvfb/xdotool/openbox are missing (`make test` installs them).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.x11 import x_session

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.slow

WATER = "6975321000012"  # 硒泉水 550ml ¥2.00
RICE = "6921445000018"  # 五常大米 ¥89.90


@pytest.fixture
def x_display() -> Iterator[dict[str, str]]:
    with x_session("1366x800") as env:
        yield env


def xdo(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=20)
    return out.stdout.strip()


def sales(db: Path) -> list[tuple[str, int, int]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT receipt_no, total_fen, change_fen FROM sales").fetchall()
        except sqlite3.OperationalError:
            return []


def test_scan_and_cash_sale_in_a_real_x_session(x_display, tmp_path):
    env = x_display
    data = tmp_path / "data"
    app = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--demo", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        window = xdo(env, "search", "--sync", "--limit", "1", "--name", "源仓收银")
        assert window, "the till window did not appear"
        time.sleep(0.5)
        xdo(env, "windowactivate", "--sync", window)
        time.sleep(0.3)
        # sign in by keyboard: the first name tile (促销员小赵), the PIN, Enter
        xdo(env, "key", "Right")
        xdo(env, "type", "--delay", "80", "3690")
        xdo(env, "key", "Return")
        time.sleep(0.5)
        for code in (WATER, RICE, WATER):
            xdo(env, "type", "--delay", "4", code)  # a scanner: a few ms a key, then Enter
            xdo(env, "key", "Return")
        # a 2D scanner reads the resident's QR: capitals come with Shift presses
        from pos_app.demo import demo_code

        xdo(env, "type", "--delay", "3", demo_code("R0001"))
        xdo(env, "key", "Return")
        time.sleep(0.3)
        xdo(env, "key", "F12")
        time.sleep(0.8)
        xdo(env, "type", "--delay", "60", "100")  # a person types the cash handed over
        xdo(env, "key", "Return")
        deadline = time.monotonic() + 20
        while not sales(data / "pos.db") and time.monotonic() < deadline:
            time.sleep(0.2)
        with sqlite3.connect(data / "pos.db") as conn:
            lines = conn.execute(
                "SELECT name, quantity FROM sale_lines ORDER BY line_no"
            ).fetchall()
            member = conn.execute("SELECT resident_id, points FROM sale_members").fetchall()
            [(at,)] = conn.execute("SELECT created_at FROM sales").fetchall()
        # the demo's promotions (resources/demo/promotions.json): water at its member
        # price 1.90, the second at half price (饮用水第二件半价: 2.85 for two); rice 89.90;
        # on a Wednesday in the showroom (周三会员日) the rice is 5% off too (85.40),
        # the water keeps the larger half-price saving; 满100减10 is not reached
        wednesday = datetime.fromisoformat(at).astimezone(SHANGHAI).isoweekday() == 3
        total = 285 + (8540 if wednesday else 8990)
        assert sales(data / "pos.db") == [("S001-T01-000001", total, 10000 - total)]
        assert lines == [("硒泉水 550ml", 2), ("五常大米 稻花香2号 5kg", 1)]
        assert member == [("R0001", total * 1000 * 3000 // 100_000_000)]  # 10 % × 30 %
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
