"""The composition root with the till's sealing key lost (pos_app/app.py): the real
keyring library with an in-memory backend, and the key file of the test run's key
directory. The context starts, carries the coded error, sells and queues; sync says
why nothing leaves; and not one sealed byte is rewritten."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.persistence import credentials, terminal_key
from pos_app.persistence.secret_box import BOX_FILE, box_for
from tests.unit.persistence.test_secret_box import DictKeyring

CREDENTIAL = credentials.Credential("http://127.0.0.1:9", "yct1_lost-till-token", "T-9")
WATER = "6975321000012"


@pytest.fixture
def os_keyring() -> Iterator[DictKeyring]:
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]


def _enrolled_till(data_dir: Path) -> dict[Path, bytes]:
    """A till with its terminal key and a credential sealed; the sealed bytes."""
    context = build_context(data_dir, demo=True)
    credentials.save(data_dir, CREDENTIAL)
    context.close()
    keys = data_dir / "keys"
    return {p: p.read_bytes() for p in sorted(keys.iterdir())}


def _sell(context: AppContext) -> Sale:
    context.checkout.scan(WATER)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return context.checkout.complete(tender)


def _check_degraded(data_dir: Path, sealed: dict[Path, bytes], reason: str) -> None:
    context = build_context(data_dir, demo=True)
    try:
        problem = context.secrets_problem
        assert problem is not None
        assert (problem.code, problem.params) == (ErrorCode.SECRET_KEY_LOST, {"reason": reason})
        sale = _sell(context)  # the till sells on, and queues the sale
        assert sale.member is None and sale.eligible_amount.fen > 0  # a claim, with a key
        assert context.sales.recent(1)[0].sale_id == sale.sale_id
        # no claim code without the terminal key: the receipt carries the lookup code
        assert context.receipt_qr.for_sale(sale) == "YCR1." + sale.receipt_no
        # a resident without their phone: the till's cache answers, as offline
        found = context.members.find_by_phone("1234")
        assert found.offline and [m.resident_id for m in found.candidates] == ["R0001", "R0005"]
        status = context.sync.sync_once()
        assert (status.enrolled, status.online, status.error) == (True, False, "secret_key_lost")
        assert status.pending >= 1
    finally:
        context.close()
    assert {p: p.read_bytes() for p in sorted((data_dir / "keys").iterdir())} == sealed


def test_a_deleted_key_file_starts_the_context_with_the_coded_error(
    data_dir: Path, till_key_dir: Path
) -> None:
    sealed = _enrolled_till(data_dir)
    (till_key_dir / f"{box_for(data_dir).box_id}.key").unlink()
    _check_degraded(data_dir, sealed, "key_file_missing")


@pytest.mark.parametrize("damage", [b"not base64 at all!\n", b"c2hvcnQ=\n", b""])
def test_a_damaged_key_file_is_the_same_coded_error(
    data_dir: Path, till_key_dir: Path, damage: bytes
) -> None:
    sealed = _enrolled_till(data_dir)
    (till_key_dir / f"{box_for(data_dir).box_id}.key").write_bytes(damage)
    _check_degraded(data_dir, sealed, "key_damaged")


def test_a_damaged_box_record_is_the_same_coded_error(data_dir: Path) -> None:
    sealed = _enrolled_till(data_dir)
    (data_dir / BOX_FILE).write_text('{"box_id": ')
    sealed[data_dir / BOX_FILE] = b'{"box_id": '
    _check_degraded(data_dir, sealed, "box_record_damaged")


def test_a_wiped_keyring_entry_starts_the_context_with_the_coded_error(
    data_dir: Path, os_keyring: DictKeyring
) -> None:
    sealed = _enrolled_till(data_dir)
    assert box_for(data_dir).store == "keyring"
    os_keyring.entries.clear()  # a new OS user, a wiped keyring
    _check_degraded(data_dir, sealed, "keyring_entry_missing")
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # no keyring at all any more (another session)
    _check_degraded(data_dir, sealed, "keyring_unavailable")


def test_a_whole_till_has_no_problem(data_dir: Path) -> None:
    _enrolled_till(data_dir)
    context = build_context(data_dir, demo=True)
    try:
        assert context.secrets_problem is None
        key = terminal_key.load_or_create(data_dir)
        assert context.receipt_qr._key_id == terminal_key.key_id(key)
        assert context.sync.credential == CREDENTIAL
    finally:
        context.close()
