"""`python -m pos_app --data-dir D import-catalog FILE`, run as a real process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.core.barcodes import with_check_digit
from pos_app.paths import DEMO_CATALOG
from pos_app.persistence.db import DB_FILENAME

ROOT = Path(__file__).resolve().parents[3]
HEADER = "sku,barcodes,name,category,unit,price,member_price,plu,active"
B1 = with_check_digit("694000000001")
B2 = with_check_digit("694000000002")


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def products(data_dir: Path) -> dict[str, tuple[str, int]]:
    db = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        rows = db.execute("SELECT sku, name, price_fen FROM products").fetchall()
    finally:
        db.close()
    return {sku: (name, price) for sku, name, price in rows}


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_good_file_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    file = write(
        tmp_path / "good.csv",
        [
            HEADER,
            f"T-1,{B1},来凤藤茶 100g,tea,盒,68.00,,,1",
            f"T-2,{B2},硒泉水 试饮,water,瓶,1.50,,,1",
        ],
        "gbk",
    )
    result = run_cli(data, "import-catalog", str(file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 new" in result.stdout
    assert "gb18030" in result.stdout
    assert products(data) == {"T-1": ("来凤藤茶 100g", 6800), "T-2": ("硒泉水 试饮", 150)}
    assert (data / "logs" / "pos.log").exists()
    # the search index is saved with the import, at the imported generation: the
    # till's next start loads it instead of building it
    from pos_app.persistence.catalog_repo import CatalogRepository
    from pos_app.persistence.db import open_database
    from pos_app.persistence.search_cache import SearchIndexCache

    engine = open_database(data)
    try:
        saved = SearchIndexCache(data).load(CatalogRepository(engine).generation())
    finally:
        engine.dispose()
    assert saved is not None
    assert [hit.product_id for hit in saved.search("lftc")] == [1]

    # the same file again updates, and says so
    again = run_cli(data, "import-catalog", str(file))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 new, 2 updated" in again.stdout
    assert len(products(data)) == 2


def test_demo_catalog_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_cli(data, "import-catalog", str(DEMO_CATALOG))
    assert result.returncode == 0, result.stdout + result.stderr
    with DEMO_CATALOG.open(encoding="utf-8") as f:
        expected = sum(1 for line in f if line.strip()) - 1
    assert len(products(data)) == expected


def test_bad_file_is_refused_and_explained(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = write(tmp_path / "good.csv", [HEADER, f"T-1,{B1},来凤藤茶 100g,tea,盒,68.00,,,1"])
    assert run_cli(data, "import-catalog", str(good)).returncode == 0

    bad = write(
        tmp_path / "bad.csv",
        [
            HEADER,
            "T-1,,来凤藤茶 100g,tea,盒,70.00,,,1",  # a good update…
            f"T-2,{B2[:-1]}{(int(B2[-1]) + 1) % 10},坏条码,tea,盒,1.00,,,1",
            "T-3,,天价,tea,盒,99999999.00,,,1",
            "T-4,,负价,tea,盒,-3.00,,,1",
        ],
    )
    result = run_cli(data, "import-catalog", str(bad))
    assert result.returncode != 0
    out = result.stdout
    assert "nothing imported" in out
    assert "3 problems" in out
    assert "row 3" in out and "第 3 行" in out
    assert "bad barcode or check digit" in out
    assert "row 4" in out and "price above the limit" in out
    assert "row 5" in out and "negative price" in out
    assert "Traceback" not in result.stderr
    # nothing imported: not the new rows, not even the good update
    assert products(data) == {"T-1": ("来凤藤茶 100g", 6800)}


def test_missing_column_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = write(tmp_path / "bad.csv", ["sku,name,category", "T-1,来凤藤茶,tea"])
    result = run_cli(data, "import-catalog", str(bad))
    assert result.returncode != 0
    assert "row 1" in result.stdout
    assert "[price]" in result.stdout
    assert "missing column" in result.stdout
    assert products(data) == {}


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "data", "import-catalog", str(tmp_path / "nope.csv"))
    assert result.returncode != 0
    assert "cannot read the file" in result.stdout


@pytest.mark.slow
def test_locked_database_is_reported_not_crashed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = write(tmp_path / "good.csv", [HEADER, f"T-1,{B1},来凤藤茶 100g,tea,盒,68.00,,,1"])
    assert run_cli(data, "import-catalog", str(good)).returncode == 0
    update = write(tmp_path / "update.csv", [HEADER, f"T-1,{B1},来凤藤茶 100g,tea,盒,70.00,,,1"])
    blocker = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        result = run_cli(data, "import-catalog", str(update))
    finally:
        blocker.rollback()
        blocker.close()
    assert result.returncode != 0
    assert "storage_locked" in result.stdout
    assert "Traceback" not in result.stderr
    assert products(data) == {"T-1": ("来凤藤茶 100g", 6800)}


def test_demo_qr_prints_a_code_the_demo_till_accepts(tmp_path, context):
    import subprocess
    import sys

    png = tmp_path / "r1.png"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--data-dir",
            str(tmp_path / "d"),
            "demo-qr",
            "R0001",
            "--png",
            str(png),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    code = out.stdout.splitlines()[0]
    assert code.startswith("YCM1.") and png.stat().st_size > 500
    assert context.checkout.scan(code).member_changed
    bad = subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(tmp_path / "d"), "demo-qr", "R9999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "R0001" in bad.stdout


EXAMPLES = ROOT / "docs" / "examples" / "catalog-import"


def test_previous_system_export_with_the_documented_mapping(tmp_path: Path) -> None:
    """The docs' example: a GBK export with a title line, Chinese headers, prices in
    yuan, the store's categories, imported with the example MAP.json."""
    data = tmp_path / "data"
    result = run_cli(
        data,
        "import-catalog",
        str(EXAMPLES / "previous-system-gbk.csv"),
        "--mapping",
        str(EXAMPLES / "mapping.json"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 new, 0 updated (gb18030)" in result.stdout
    assert "guessed mapping" not in result.stdout
    assert products(data) == {
        "10001": ("硒泉水 550ml", 200),
        "10002": ("五常大米 稻花香 5kg", 8990),
        "10003": ("仙桃毛嘴卤 鸭脖 250g", 2990),
        "10004": ("试吃杯", 50),
    }
    db = sqlite3.connect(data / DB_FILENAME)
    try:
        categories = dict(db.execute("SELECT sku, category FROM products").fetchall())
    finally:
        db.close()
    assert categories == {"10001": "snack", "10002": "grain", "10003": "deli", "10004": "daily"}


def test_without_mapping_the_guess_is_printed_and_unknown_categories_refused(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    result = run_cli(data, "import-catalog", str(EXAMPLES / "previous-system-gbk.csv"))
    assert result.returncode == 1, result.stdout + result.stderr
    guessed = result.stdout.split("guessed mapping:\n", 1)[1].split("\n}\n", 1)[0] + "\n}"
    assert json.loads(guessed) == {
        "version": 1,
        "columns": {
            "商品编号": "sku", "商品名称": "name", "国际条码": "barcodes", "规格": "spec",
            "零售价(元)": "price", "会员价": "member_price", "商品分类": "category",
            "单位": "unit", "状态": "active", "进货价": None, "库存": None,
        },
        "categories": {},
    }  # fmt: skip
    assert "第 3 行 / row 3 [category]" in result.stdout and ": 酒水饮料" in result.stdout
    assert '"categories"' in result.stdout.split("nothing imported", 1)[1]
    assert not (data / DB_FILENAME).exists() or products(data) == {}


def test_bad_mapping_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = tmp_path / "map.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_cli(
        data, "import-catalog", str(EXAMPLES / "previous-system-gbk.csv"), "--mapping", str(bad)
    )
    assert result.returncode == 1
    assert "映射文件有误 / bad mapping file: map.json" in result.stdout
