"""Fill the zh_CN .ts from zh_CN.tsv (English source → Chinese), after lupdate.

Run by `make translations`. Prints the source texts that still have no
translation, so a new UI string cannot ship untranslated unnoticed (a test
checks the .ts has none unfinished).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_glossary(path: Path = HERE / "zh_CN.tsv") -> dict[str, str]:
    glossary = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, _, target = line.partition("\t")
            glossary[source] = target
    return glossary


def fill(ts: Path, glossary: dict[str, str]) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in glossary:
            if message.get("numerus") == "yes":
                # Chinese has one plural form
                for form in list(translation):
                    translation.remove(form)
                ET.SubElement(translation, "numerusform").text = glossary[source]
            else:
                translation.text = glossary[source]
            translation.attrib.pop("type", None)
        elif not translation.text or translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    ts_file = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "yuancang_zh_CN.ts"
    untranslated = fill(ts_file, load_glossary())
    for text in untranslated:
        print(f"untranslated: {text}")
    sys.exit(1 if untranslated else 0)
