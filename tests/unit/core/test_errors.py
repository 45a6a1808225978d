"""PosError: a code and parameters, never a user-facing sentence."""

from __future__ import annotations

import pickle

import pytest

from pos_app.core.errors import ErrorCode, PosError


def test_error_carries_code_and_params() -> None:
    err = PosError(ErrorCode.SCAN_TOO_LONG, length=70, limit=64)
    assert err.code is ErrorCode.SCAN_TOO_LONG
    assert err.params == {"length": 70, "limit": 64}
    assert isinstance(err, Exception)


def test_message_is_the_code_value() -> None:
    assert str(PosError(ErrorCode.CART_EMPTY)) == "cart_empty"
    assert PosError(ErrorCode.CART_EMPTY).params == {}
    text = str(PosError(ErrorCode.MONEY_PARSE, text="abc"))
    assert text.startswith("money_parse ")
    assert "'text': 'abc'" in text


def test_can_be_raised_and_caught_by_code() -> None:
    with pytest.raises(PosError) as info:
        raise PosError(ErrorCode.TENDER_OVERPAY, fen=5)
    assert info.value.code is ErrorCode.TENDER_OVERPAY
    assert info.value.params["fen"] == 5


def test_codes_are_unique_lowercase_identifiers() -> None:
    values = [code.value for code in ErrorCode]
    assert len(values) == len(set(values))
    for code in ErrorCode:
        assert code.value == code.name.lower()


@pytest.mark.parametrize(
    "name",
    [
        "SCAN_EMPTY",
        "SCAN_TOO_LONG",
        "SCAN_BAD_CHARS",
        "SCAN_BAD_CHECK_DIGIT",
        "AMOUNT_OVERFLOW",
        "QUANTITY_INVALID",
        "DISCOUNT_INVALID",
        "TENDER_OVERPAY",
        "TENDER_REFERENCE_REQUIRED",
        "PAYMENT_DECLINED",
        "CART_EMPTY",
        "MONEY_PARSE",
    ],
)
def test_codes_the_core_relies_on_exist(name: str) -> None:
    assert ErrorCode[name].value == name.lower()


def test_error_code_survives_pickling_as_enum_member() -> None:
    code = pickle.loads(pickle.dumps(ErrorCode.LINE_NOT_FOUND))
    assert code is ErrorCode.LINE_NOT_FOUND
