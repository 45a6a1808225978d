"""Identifying residents while another thread reloads the keys and contracts, as
the sync worker does after a pull: every identification has its exact outcome."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.membership import public_key_text
from pos_app.demo import DEMO_CONTRACT, demo_code, demo_key_ring_setting

RELOADS = 1000


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Threads switch every 10 µs instead of 5 ms, so a reload and an
    identification interleave at many points, not only between calls."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(before)


def test_identify_while_keys_reload_a_thousand_times(
    context: AppContext, busy_switching: None
) -> None:
    members, settings = context.members, context.settings
    # two rings, both holding the key the codes are signed with: every code
    # verifies with either, so only a half-made or changing snapshot can fail
    one_key = demo_key_ring_setting()
    other = public_key_text(Ed25519PrivateKey.generate().public_key())
    two_keys = f"{one_key},k2:{other}"
    residents = ["R0001"] * 5 + ["R0002"] * 5
    codes = [demo_code(r) for r in residents]
    names = {"R0001": "张*明", "R0002": "欧**平"}
    reloaded = threading.Event()
    failures: list[BaseException] = []

    def reload_keys() -> None:
        try:
            for i in range(RELOADS):
                settings.set("membership.public_keys", two_keys if i % 2 else one_key)
                members.reload()
        except BaseException as exc:  # handed to the test
            failures.append(exc)
        finally:
            reloaded.set()

    outcomes: list[tuple[object, ...]] = []
    reloader = threading.Thread(target=reload_keys)
    reloader.start()
    try:
        while not reloaded.is_set() or len(outcomes) < 50:
            code = codes[len(outcomes) % len(codes)]
            view = members.identify(code)
            # the contract is read often: a reload must never leave it missing
            contracts = {members.store_contract() for _ in range(20)}
            outcomes.append(
                (
                    view.member.resident_id,
                    view.member.masked_name,
                    view.member.community_id,
                    *contracts,
                )
            )
    finally:
        reloader.join()
    assert failures == []
    assert len(outcomes) >= 50
    assert outcomes == [
        (rid, names[rid], "C001", DEMO_CONTRACT)
        for rid in (residents[i % len(residents)] for i in range(len(outcomes)))
    ]
    assert members.identify(codes[0]).member.resident_id == "R0001"


def test_a_key_dropped_by_a_reload_refuses_its_codes(context: AppContext) -> None:
    """The snapshot is the whole truth: once a reload drops the key, its codes are forged."""
    code = demo_code("R0001")
    assert context.members.identify(code).member.resident_id == "R0001"
    other = public_key_text(Ed25519PrivateKey.generate().public_key())
    context.settings.set("membership.public_keys", f"k2:{other}")
    context.members.reload()
    with pytest.raises(PosError) as info:
        context.members.identify(code)
    assert info.value.code is ErrorCode.QR_FORGED
