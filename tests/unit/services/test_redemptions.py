"""The redemption service on a real demo till: a redemption the central server
did not make (here: the till was never enrolled) leaves no record, and the
shift counts nothing. The granted path runs against a real server in
tests/e2e/test_tested_day.py and tests/gui/test_sync_in_window.py."""

from __future__ import annotations

import uuid

import pytest

from pos_app.core.errors import ErrorCode, PosError


def test_a_refused_redemption_is_not_recorded(context) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PosError) as err:
        context.redemptions.redeem("R0001", "B-R0001-2026-11", 500, uuid.uuid4())
    assert err.value.code is ErrorCode.SERVER_NOT_ENROLLED
    assert context.redemptions.recorded() == []
    assert context.shifts.x_read().points_redeemed == 0
