"""Pinyin search keys for product names, polyphonic characters included.

`wcdm` must find 五常大米, and a polyphonic character whose reading the
phrase dictionary cannot settle must be findable by each reading, so a name
yields every reading combination, capped to keep the index small.
"""

from __future__ import annotations

import itertools

from pypinyin import Style, pinyin

#: Cap on reading combinations per name: a name of many polyphonic characters
#: would otherwise explode (2^n); the first readings are the common ones.
MAX_VARIANTS = 8


def _readings(name: str, style: Style) -> list[list[str]]:
    out = []
    for options in pinyin(name, style=style, heteronym=True, errors="default"):
        cleaned = []
        for opt in options:
            opt = "".join(ch for ch in opt.lower() if ch.isalnum())
            if opt and opt not in cleaned:
                cleaned.append(opt)
        if cleaned:
            out.append(cleaned[:2])
    return out


def _variants(name: str, style: Style, joiner: str) -> list[str]:
    readings = _readings(name, style)
    variants: list[str] = []
    for combo in itertools.product(*readings):
        variants.append(joiner.join(combo))
        if len(variants) >= MAX_VARIANTS:
            break
    return variants


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin variants, initials variants), each space-separated.

    pypinyin reads known words in context, so '五常大米' gives only
    'wuchangdami' / 'wcdm'; a polyphonic character outside a known word
    gives each reading ('行' → 'xing hang').
    Letters and digits in the name are kept as they are ('500ml').
    """
    full = _variants(name, Style.NORMAL, "")
    initials = _variants(name, Style.FIRST_LETTER, "")
    return " ".join(dict.fromkeys(full)), " ".join(dict.fromkeys(initials))
