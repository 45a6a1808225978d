"""HTTP to the central server: one requests.Session, bearer auth, timeouts,
TLS verification always on (a custom CA bundle may be given, never `False`).

Transport rules, checked before anything is sent:
- the server URL is https://, or http:// to this machine (127.0.0.0/8, ::1,
  localhost), or http:// elsewhere only when the enrollment said so
  (`allow_insecure_http`): the bearer token and the sales would otherwise
  cross the showroom network in clear;
- `verify=` is passed on every request: requests lets REQUESTS_CA_BUNDLE or
  CURL_CA_BUNDLE replace a session-wide `verify`, so a configured CA bundle
  would silently lose to the environment. With no bundle configured, the
  default store (or that environment, as for any requests program) applies;
- http:// to this machine goes straight there, never through a proxy from
  the environment (which would carry it in clear across the network);
- redirects are not followed: the API never redirects, and following one
  could carry a sale to another host or from https:// down to http://.

Every failure becomes a `SyncError` with a code and whether a retry may help,
so the pump can back off on a dropped connection and stop on a revoked
terminal.
"""

from __future__ import annotations

import enum
import ipaddress
import logging
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ValidationError

from sync.client.cancel import CancellableAdapter, CancelSwitch
from sync.protocol import API_PREFIX
from sync.protocol.accounts import (
    BillOut,
    ClaimRequest,
    ClaimResponse,
    MemberLookupResponse,
    RedemptionRequest,
    RedemptionResponse,
    ResidentOut,
)
from sync.protocol.changes import ChangesResponse
from sync.protocol.push import OutboxItem, PushRequest, PushResponse
from sync.protocol.service import EnrollRequest, EnrollResponse, ErrorBody

log = logging.getLogger("pos_app.sync")
M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """`code`: offline, timeout, server_error, bad_response, or the server's own code
    (terminal_revoked, bad_token, over_balance…). `retryable`: worth trying later."""

    def __init__(self, code: str, message: str = "", *, retryable: bool, status: int | None = None):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.status = status


class Transport(enum.Enum):
    """How a server URL's traffic travels."""

    ENCRYPTED = "https"
    LOOPBACK = "loopback"  # plain http, but it never leaves this machine
    PLAIN = "plain"  # plain http across a network: readable on the way


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 or the name `localhost` itself (not `localhost.evil.com`,
    and not spellings such as `127.1` that only some resolvers read as loopback)."""
    host = host.lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_of(url: str) -> Transport:
    """Classify a server URL; `bad_url` when it is neither http:// nor https:// with a host."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError as exc:
        raise SyncError("bad_url", url[:100], retryable=False) from exc
    if parts.scheme not in ("http", "https") or not host:  # urlsplit lower-cases the scheme
        raise SyncError("bad_url", url[:100], retryable=False)
    if parts.scheme == "https":
        return Transport.ENCRYPTED
    return Transport.LOOPBACK if is_loopback_host(host) else Transport.PLAIN


def check_server_url(url: str, *, allow_insecure_http: bool = False) -> Transport:
    """The URL's transport, or `insecure_http` for plain http to another machine
    unless explicitly allowed. Never retryable: the same URL fails again."""
    transport = transport_of(url)
    if transport is Transport.PLAIN and not allow_insecure_http:
        raise SyncError("insecure_http", url[:100], retryable=False)
    return transport


class SyncSession:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_bundle: str | None = None,
        allow_insecure_http: bool = False,
        timeout: tuple[float, float] = (5.0, 30.0),
        session: requests.Session | None = None,
    ) -> None:
        self.transport = check_server_url(base_url, allow_insecure_http=allow_insecure_http)
        self.base_url = base_url.strip().rstrip("/")
        self.timeout = timeout
        self.http = session or requests.Session()
        # cancel() from another thread (the till shutting down) wakes a call
        # blocked on a silent server instead of waiting out the read timeout
        self._switch = CancelSwitch()
        if session is None:
            self.http.mount("http://", CancellableAdapter(self._switch))
            self.http.mount("https://", CancellableAdapter(self._switch))
        # verification stays on; a path replaces the system CA store, never
        # disables it. Passed on every request, where the environment cannot override it.
        self.verify: str | bool = ca_bundle or True
        self.http.verify = self.verify
        if self.transport is Transport.LOOPBACK:
            # plain http is accepted here only because it stays on this machine: an
            # HTTP_PROXY from the environment would carry it across the network
            self.http.trust_env = False
        self.http.headers["User-Agent"] = "yuancang-pos"
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.http.close()

    def cancel(self) -> None:
        """From any thread: the call in flight fails now, and so does every later
        one, with SyncError `cancelled`."""
        self._switch.cancel()

    @property
    def cancelled(self) -> bool:
        return self._switch.cancelled

    # --- endpoints ------------------------------------------------------------------

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        return self._call("POST", "/enroll", EnrollResponse, request)

    def push(self, items: list[OutboxItem]) -> PushResponse:
        return self._call("POST", "/push", PushResponse, PushRequest(items=items))

    def changes(self, cursor: str, limit: int) -> ChangesResponse:
        return self._call(
            "GET", "/changes", ChangesResponse, params={"cursor": cursor, "limit": limit}
        )

    def resident(self, resident_id: str) -> ResidentOut:
        return self._call("GET", f"/residents/{resident_id}", ResidentOut)

    def members_by_phone(self, last4: str) -> MemberLookupResponse:
        """Residents of this till's property company whose phone ends with `last4`."""
        return self._call("GET", "/members/by-phone", MemberLookupResponse, params={"last4": last4})

    def bills(self, resident_id: str) -> list[BillOut]:
        raw = self._request("GET", f"/residents/{resident_id}/bills")
        try:
            return [BillOut.model_validate(b) for b in raw]
        except (ValidationError, TypeError) as exc:
            raise SyncError("bad_response", str(exc), retryable=True) from exc

    def redeem(self, request: RedemptionRequest) -> RedemptionResponse:
        return self._call("POST", "/redemptions", RedemptionResponse, request)

    def claim(self, request: ClaimRequest) -> ClaimResponse:
        return self._call("POST", "/claims", ClaimResponse, request)

    def healthy(self) -> bool:
        try:
            response = self.http.get(
                self.base_url + "/healthz",
                timeout=self.timeout,
                verify=self.verify,
                allow_redirects=False,
            )
        except (requests.RequestException, OSError):
            return False
        return response.status_code == 200  # a redirect is not the server answering

    # --- plumbing ---------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> M:
        raw = self._request(method, path, body, params)
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            raise SyncError("bad_response", str(exc)[:200], retryable=True) from exc

    def _request(
        self,
        method: str,
        path: str,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        url = f"{self.base_url}{API_PREFIX}{path}"
        data = None if body is None else body.model_dump_json()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if self._switch.cancelled:
            raise SyncError("cancelled", retryable=True)
        try:
            response = self.http.request(
                method,
                url,
                data=data,
                params=params,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as exc:
            if self._switch.cancelled:  # cancel() shut the socket mid-TLS
                raise SyncError("cancelled", retryable=True) from exc
            raise SyncError("tls", str(exc)[:200], retryable=False) from exc
        except requests.Timeout as exc:
            raise SyncError("timeout", retryable=True) from exc
        except requests.RequestException as exc:
            if self._switch.cancelled:  # cancel() shut the socket: not the network
                raise SyncError("cancelled", retryable=True) from exc
            # refused, reset, cut mid-response: the network, not the request
            raise SyncError("offline", type(exc).__name__, retryable=True) from exc
        except OSError as exc:  # requests' own: the configured CA bundle file is missing
            raise SyncError("tls", str(exc)[:200], retryable=False) from exc
        if response.is_redirect:
            raise SyncError(
                "redirect",
                response.headers.get("Location", "")[:100],
                retryable=False,
                status=response.status_code,
            )
        if response.status_code >= 500:
            raise SyncError(
                "server_error",
                str(response.status_code),
                retryable=True,
                status=response.status_code,
            )
        try:
            payload = response.json()
        except ValueError as exc:
            if response.status_code >= 400:
                # e.g. an HTML 413 from a proxy in front: the same request would fail again
                raise SyncError(
                    f"http_{response.status_code}",
                    "not JSON",
                    retryable=response.status_code in (408, 429),
                    status=response.status_code,
                ) from exc
            raise SyncError(
                "bad_response", "not JSON", retryable=True, status=response.status_code
            ) from exc
        if response.status_code >= 400:
            try:
                error = ErrorBody.model_validate(payload.get("detail", payload))
                code, message = error.code, error.message
            except (ValidationError, AttributeError):
                code, message = f"http_{response.status_code}", ""
            raise SyncError(
                code, message, retryable=response.status_code == 429, status=response.status_code
            )
        return payload
