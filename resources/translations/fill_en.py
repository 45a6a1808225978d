"""Fill the English .ts (plural forms only) after `pyside6-lupdate -pluralonly`.

English source texts mark a plural with "(s)": "%n receipt(s) waiting". The
singular drops it ("1 receipt waiting"), the plural keeps the "s" ("2 receipts
waiting"). Run by `make translations`; prints and fails on a plural text
without "(s)", which needs a rule of its own.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent


def forms(source: str) -> tuple[str, str] | None:
    """(singular, plural) of a source text, or None when it marks no plural."""
    if "(s)" not in source:
        return None
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    tree.getroot().set("language", "en")
    unhandled = []
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        pair = forms(source)
        if pair is None:
            unhandled.append(source)
            continue
        translation.text = None
        for form in list(translation):
            translation.remove(form)
        for text in pair:
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return unhandled


if __name__ == "__main__":
    ts_file = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "yuancang_en.ts"
    missing = fill(ts_file)
    for text in missing:
        print(f"no plural rule: {text}")
    sys.exit(1 if missing else 0)
