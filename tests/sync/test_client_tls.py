"""The till's TLS against a real HTTPS server on 127.0.0.1 signed by a private CA
made here: the configured CA bundle is what decides, on every request (the
health check too), even when REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE point to
another CA's bundle."""

from __future__ import annotations

import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client.session import SyncError, SyncSession

CHANGES = {
    "changes": [],
    "next_cursor": "c-1",
    "more": False,
    "server_time": "2026-11-27T12:00:00Z",
}


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca(
    directory: Path, name: str
) -> tuple[Path, ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    path = directory / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key, cert


def make_server_cert(
    directory: Path, ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate
) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("central.test"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_file, key_file = directory / "server.pem", directory / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@dataclass
class TlsServer:
    url: str
    ca_bundle: str  # the CA that signed the server's certificate
    other_bundle: str  # an unrelated CA
    paths: list[str]


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[TlsServer]:
    ca_file, ca_key, ca_cert = make_ca(tmp_path, "yuancang-private-ca")
    other_file, _, _ = make_ca(tmp_path, "unrelated-ca")
    cert_file, key_file = make_server_cert(tmp_path, ca_key, ca_cert)
    paths: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            paths.append(self.path)
            body = json.dumps(CHANGES if self.path.startswith("/api/") else {"ok": True})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda *_: None  # refused handshakes are the point of some tests
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield TlsServer(
            f"https://127.0.0.1:{server.server_address[1]}", str(ca_file), str(other_file), paths
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def hostile_env(monkeypatch: pytest.MonkeyPatch, tls_server: TlsServer) -> None:
    """Both variables requests reads, pointing at a CA that never signed the server."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls_server.other_bundle)
    monkeypatch.setenv("CURL_CA_BUNDLE", tls_server.other_bundle)


@pytest.mark.usefixtures("hostile_env")
def test_the_configured_bundle_wins_over_the_environment(tls_server: TlsServer) -> None:
    session = SyncSession(tls_server.url, "token", ca_bundle=tls_server.ca_bundle)
    try:
        assert session.changes("", 10).next_cursor == "c-1"
        assert session.healthy()
    finally:
        session.close()
    assert tls_server.paths == ["/api/v1/changes?cursor=&limit=10", "/healthz"]


@pytest.mark.usefixtures("hostile_env")
def test_without_the_bundle_the_private_ca_is_not_trusted(tls_server: TlsServer) -> None:
    session = SyncSession(tls_server.url, "token")
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert (info.value.code, info.value.retryable) == ("tls", False)
        assert not session.healthy()
    finally:
        session.close()
    assert tls_server.paths == []  # no request got through the handshake


def test_the_system_store_does_not_know_a_private_ca(
    tls_server: TlsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    session = SyncSession(tls_server.url, "token")
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert info.value.code == "tls"
    finally:
        session.close()


@pytest.mark.usefixtures("hostile_env")
def test_an_unrelated_bundle_fails(tls_server: TlsServer) -> None:
    session = SyncSession(tls_server.url, "token", ca_bundle=tls_server.other_bundle)
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert info.value.code == "tls"
    finally:
        session.close()


def test_a_missing_bundle_file_is_a_tls_error_not_a_crash(
    tls_server: TlsServer, tmp_path: Path
) -> None:
    session = SyncSession(tls_server.url, "token", ca_bundle=str(tmp_path / "gone.pem"))
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert (info.value.code, info.value.retryable) == ("tls", False)
        assert not session.healthy()
    finally:
        session.close()
