"""ASGI middleware: a request body over the limit is answered 413 before it is read whole.

A declared `Content-Length` over the limit is refused before a byte of the body
is read. A chunked body (or one whose length lies) is read chunk by chunk and
refused as soon as the count passes the limit, so a 57 MiB push costs the
server at most the limit in memory and never reaches a route, a parser or the
database. What passes is replayed to the application unchanged.

It is pure ASGI (not Starlette's BaseHTTPMiddleware) so that the answer goes
out while the client may still be sending: uvicorn then closes the connection
instead of draining the rest.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sync.protocol.codes import ErrorCode
from sync.protocol.service import ErrorBody

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Wraps an ASGI app; `max_bytes` is the largest body accepted."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left: nobody to answer
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, send: Send) -> None:
        body = ErrorBody(
            code=ErrorCode.PAYLOAD_TOO_LARGE.value,
            message=f"request body over {self.max_bytes} bytes",
        )
        raw = json.dumps(body.model_dump()).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(raw)).encode("ascii")),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": raw})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            # a malformed length is the server's (h11's) business; here: unknown
            return int(text) if text.isascii() and text.isdigit() else None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body once, whole; then whatever the server says next (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
