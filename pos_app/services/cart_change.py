"""What a checkout call changed in the cart, as the window needs it to redraw:
the line to show, search results to offer, the autosave's and the resident's news."""

from __future__ import annotations

from dataclasses import dataclass, field

from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode


@dataclass(frozen=True, slots=True)
class CartChange:
    """What a call changed: the line to show, or search results to offer."""

    line_no: int | None = None
    reset: bool = False  # the whole cart was replaced (cleared, resumed)
    results: list[Product] = field(default_factory=list)
    saved: bool = True  # False when the autosave failed (disk full, locked…)
    member_changed: bool = False
    receipt_code: str | None = None  # a receipt's QR was scanned: offer the return
    #: a resumed or restored cart whose resident could not come back (why): it is
    #: at shelf prices now
    member_dropped: ErrorCode | None = None
