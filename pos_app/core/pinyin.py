"""Pinyin search keys for product names, polyphonic characters included.

`wcdm` must find 五常大米, and a polyphonic character whose reading the
phrase dictionary cannot settle must be findable by each reading, so a name
yields every reading combination, capped to keep the index small.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

#: Cap on reading combinations per name: a name of many polyphonic characters
#: would otherwise explode (2^n); the first readings are the common ones.
MAX_VARIANTS = 8


@lru_cache(maxsize=50_000)
def _word_readings(word: str, initials: bool) -> tuple[tuple[str, ...], ...]:
    """Readings of one blank-free word, per character (or per non-Han run).

    pypinyin never reads a phrase across a blank, so caching per word gives
    exactly the readings of the whole name, and catalogs repeat words (brand,
    product, spec) far more than names: a 100k import drops from ~20 s to ~1 s.
    Imported here, not at module level: pypinyin costs ~0.3 s and ~56 MiB,
    which the till need not pay at start-up when nothing is imported.
    """
    from pypinyin import Style, pinyin

    style = Style.FIRST_LETTER if initials else Style.NORMAL
    out = []
    for options in pinyin(word, style=style, heteronym=True, errors="default"):
        cleaned: list[str] = []
        for opt in options:
            opt = "".join(ch for ch in opt.lower() if ch.isalnum())
            if opt and opt not in cleaned:
                cleaned.append(opt)
        if cleaned:
            out.append(tuple(cleaned[:2]))
    return tuple(out)


def _variants(name: str, initials: bool) -> list[str]:
    readings = [r for word in name.split() for r in _word_readings(word, initials)]
    variants: list[str] = []
    for combo in itertools.product(*readings):
        variants.append("".join(combo))
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
    full = _variants(name, initials=False)
    initials = _variants(name, initials=True)
    return " ".join(dict.fromkeys(full)), " ".join(dict.fromkeys(initials))
