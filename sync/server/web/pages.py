"""What every server-rendered page shares: Jinja2 with autoescape, the response
headers (never cached, never framed, no script), Asia/Shanghai times and ￥
amounts for the templates, and a small urlencoded form read with the stdlib."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sync.server.config import Settings
from sync.server.rate_limit import AttemptLimiter

SHOWROOM_TZ = ZoneInfo("Asia/Shanghai")
MAX_FORM_BYTES = 4096
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def local(moment: datetime) -> str:
    return moment.astimezone(SHOWROOM_TZ).strftime("%Y-%m-%d %H:%M")


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}￥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


class Pages:
    """The templates of one directory, rendered as HTML responses with `HEADERS`."""

    def __init__(self, directory: Path, **globals_: Any) -> None:
        self.env = Environment(
            loader=FileSystemLoader(directory), autoescape=select_autoescape(["html"])
        )
        self.env.globals.update(local=local, yuan=yuan, **globals_)

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers=HEADERS)


async def read_form(request: Request) -> dict[str, str] | None:
    """The posted fields (first value each), or None for a body that is no small form."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return None
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in fields.items() if v}


def attempt_limiter(settings: Settings) -> AttemptLimiter:
    """Sign-in tries and code requests of the pages: per client address, and in all."""
    return AttemptLimiter(
        per_address_burst=settings.resident_burst_per_address,
        per_address_per_minute=settings.resident_per_minute_per_address,
        global_burst=max(60, settings.resident_burst_per_address * 20),
        global_per_minute=max(60.0, settings.resident_per_minute_per_address * 20),
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
