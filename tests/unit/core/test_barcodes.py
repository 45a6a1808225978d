"""Scan classification: GTIN check digits, scale labels, payment codes, text."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pos_app.core.barcodes import (
    MAX_SCAN_LENGTH,
    MemberCode,
    PaymentCode,
    ProductCode,
    ReceiptCode,
    ScaleCode,
    ScaleLayout,
    ScaleValue,
    TextQuery,
    Wallet,
    classify,
    clean_scan,
    gs1_check_digit,
    is_valid_gtin,
    normalize_gtin,
    payment_wallet,
    with_check_digit,
)
from pos_app.core.errors import ErrorCode, PosError

digits = st.text(alphabet="0123456789", min_size=1, max_size=30)


def reference_check_digit(data: str) -> int:
    """GS1 mod-10 written independently: left-pad to GTIN-18 data, weights 3,1,3,… from the left."""
    padded = data.rjust(17, "0")
    weights = [3 if position % 2 == 0 else 1 for position in range(17)]
    total = sum(w * (ord(ch) - ord("0")) for w, ch in zip(weights, padded, strict=True))
    return -total % 10


def make_gtin(data: str) -> str:
    return data + str(reference_check_digit(data))


def error_code(raw: str, **kwargs: object) -> ErrorCode:
    with pytest.raises(PosError) as info:
        classify(raw, **kwargs)  # type: ignore[arg-type]
    return info.value.code


# --- check digits -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "check"),
    [("629104150021", 3), ("890400021003", 7), ("730001100001", 7), ("400638133393", 1)],
)
def test_worked_check_digit_examples(data: str, check: int) -> None:
    assert gs1_check_digit(data) == check
    assert reference_check_digit(data) == check
    assert is_valid_gtin(data + str(check))
    assert not is_valid_gtin(data + str((check + 1) % 10))


@given(st.text(alphabet="0123456789", min_size=1, max_size=17))
def test_check_digit_matches_independent_implementation(data: str) -> None:
    assert gs1_check_digit(data) == reference_check_digit(data)
    assert with_check_digit(data) == make_gtin(data)


@pytest.mark.parametrize("code", ["90311017", "036282818705", "4006381333931", "6291041500213"])
def test_known_valid_gtins(code: str) -> None:
    assert is_valid_gtin(code)


@pytest.mark.parametrize(
    "code",
    [
        "90311018",  # EAN-8, wrong check digit
        "036282818704",  # UPC-A, wrong check digit
        "4006381333932",
        "12345",  # not a GTIN length
        "403638133393100",  # 15 digits
        "40063813339X1",
        "",
        "４００６３８１３３３９３１",  # full-width digits
    ],
)
def test_invalid_gtins(code: str) -> None:
    assert not is_valid_gtin(code)


@pytest.mark.parametrize("data", ["", "12a", "１２３", " 123", "-12"])
def test_check_digit_refuses_non_digits(data: str) -> None:
    with pytest.raises(ValueError):
        gs1_check_digit(data)


@given(
    st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 12), st.integers(1, 9)
)
def test_any_single_digit_change_of_ean13_is_invalid(data: str, position: int, delta: int) -> None:
    code = with_check_digit(data)
    assert is_valid_gtin(code)
    changed_digit = str((int(code[position]) + delta) % 10)
    corrupted = code[:position] + changed_digit + code[position + 1 :]
    assert corrupted != code
    assert not is_valid_gtin(corrupted)


def test_normalize_gtin() -> None:
    assert normalize_gtin("036282818705") == "0036282818705"
    assert normalize_gtin("00036282818705") == "0036282818705"
    assert normalize_gtin("10036282818702") == "10036282818702"
    assert normalize_gtin("4006381333931") == "4006381333931"
    assert normalize_gtin("90311017") == "90311017"


# --- classify: products -------------------------------------------------------


def test_ean13_is_a_product() -> None:
    assert classify("4006381333931") == ProductCode("4006381333931")
    assert classify("6291041500213") == ProductCode("6291041500213")


def test_ean8_is_a_product_unchanged() -> None:
    assert classify("90311017") == ProductCode("90311017")


def test_upca_is_normalized_to_ean13() -> None:
    assert classify("036282818705") == ProductCode("0036282818705")


def test_gtin14_with_leading_zero_is_normalized() -> None:
    assert classify("00036282818705") == ProductCode("0036282818705")
    code = make_gtin("1003628281870")
    assert classify(code) == ProductCode(code)


def test_scanner_suffix_and_blanks_are_stripped() -> None:
    assert classify("  4006381333931\r\n") == ProductCode("4006381333931")
    assert classify("\t90311017\n") == ProductCode("90311017")


@pytest.mark.parametrize("code", ["4006381333932", "90311018", "036282818704", "6291041500210"])
def test_bad_check_digit_is_an_error_not_a_search(code: str) -> None:
    with pytest.raises(PosError) as info:
        classify(code)
    assert info.value.code is ErrorCode.SCAN_BAD_CHECK_DIGIT
    assert info.value.params["scanned"] == code


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_every_valid_ean13_outside_scale_flags_is_a_product(data: str) -> None:
    assume(data[:2] not in ScaleLayout().flags)
    code = with_check_digit(data)
    assert classify(code) == ProductCode(code)


def test_13_digit_code_starting_25_is_a_product_not_alipay() -> None:
    code = make_gtin("250000000001")
    assert len(code) == 13
    result = classify(code)
    assert result == ProductCode(code)
    assert not isinstance(result, PaymentCode)


@given(st.integers(25, 30), st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_gtin_lengths_never_read_as_payment_codes(head: int, body: str) -> None:
    code = make_gtin(f"{head}{body}")
    assert isinstance(classify(code), ProductCode | ScaleCode)


# --- classify: scale labels ---------------------------------------------------


def test_default_layout_price_label() -> None:
    code = with_check_digit("21" + "10001" + "01250")
    assert classify(code) == ScaleCode(plu="10001", value=ScaleValue.PRICE, amount=1250, raw=code)


@pytest.mark.parametrize("flag", ["20", "21", "22", "23", "24"])
def test_default_layout_accepts_flags_20_to_24(flag: str) -> None:
    code = with_check_digit(flag + "00042" + "00990")
    result = classify(code)
    assert isinstance(result, ScaleCode)
    assert (result.plu, result.amount, result.value) == ("00042", 990, ScaleValue.PRICE)


@pytest.mark.parametrize("flag", ["19", "25", "29"])
def test_other_flags_are_products(flag: str) -> None:
    code = with_check_digit(flag + "00042" + "00990")
    assert classify(code) == ProductCode(code)


def test_scale_label_with_bad_check_digit_is_refused() -> None:
    good = with_check_digit("21" + "10001" + "01250")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(PosError) as info:
        classify(bad)
    assert info.value.code is ErrorCode.SCAN_BAD_CHECK_DIGIT


def test_weight_layout_from_spec() -> None:
    layout = ScaleLayout.from_spec("flags=20-24;plu=5;value=5;kind=weight")
    assert layout.value is ScaleValue.WEIGHT
    assert layout.flags == ("20", "21", "22", "23", "24")
    assert layout.length == 13
    code = with_check_digit("22" + "30002" + "00750")
    assert classify(code, layouts=(layout,)) == ScaleCode(
        plu="30002", value=ScaleValue.WEIGHT, amount=750, raw=code
    )


def test_one_digit_flag_layout() -> None:
    layout = ScaleLayout.from_spec("flags=2-2;plu=6;value=5")
    assert layout.flags == ("2",)
    assert layout.flag_length == 1
    assert (layout.plu_length, layout.value_length, layout.value) == (6, 5, ScaleValue.PRICE)
    assert layout.length == 13
    code = with_check_digit("2" + "123456" + "00999")
    assert layout.matches(code)
    assert classify(code, layouts=(layout,)) == ScaleCode(
        plu="123456", value=ScaleValue.PRICE, amount=999, raw=code
    )
    # with only this layout, a code starting with 3 is a plain product
    other = with_check_digit("3" + "123456" + "00999")
    assert classify(other, layouts=(layout,)) == ProductCode(other)


def test_from_spec_defaults_equal_default_layout() -> None:
    assert ScaleLayout.from_spec("") == ScaleLayout()
    assert ScaleLayout.from_spec("flags=20-24;plu=5;value=5;kind=price") == ScaleLayout()
    assert ScaleLayout.from_spec("flags=27;plu=4;value=6").flags == ("27",)


def test_from_spec_keeps_leading_zeros_of_flags() -> None:
    assert ScaleLayout.from_spec("flags=02-04").flags == ("02", "03", "04")


def test_no_layouts_means_no_scale_codes() -> None:
    code = with_check_digit("21" + "10001" + "01250")
    assert classify(code, layouts=()) == ProductCode(code)


def test_first_matching_layout_wins() -> None:
    weight = ScaleLayout.from_spec("flags=21-21;kind=weight")
    code = with_check_digit("21" + "10001" + "01250")
    result = classify(code, layouts=(weight, ScaleLayout()))
    assert isinstance(result, ScaleCode)
    assert result.value is ScaleValue.WEIGHT


def test_layout_matches_needs_length_and_flag() -> None:
    layout = ScaleLayout()
    assert layout.matches("2" + "1" * 12)
    assert not layout.matches("21" + "1" * 10)  # 12 digits
    assert not layout.matches("25" + "1" * 11)


@given(
    st.sampled_from(["20", "21", "22", "23", "24"]),
    st.text(alphabet="0123456789", min_size=5, max_size=5),
    st.integers(0, 99_999),
)
def test_scale_label_fields_round_trip(flag: str, plu: str, amount: int) -> None:
    code = with_check_digit(f"{flag}{plu}{amount:05d}")
    assert classify(code) == ScaleCode(plu=plu, value=ScaleValue.PRICE, amount=amount, raw=code)


# --- classify: payment codes --------------------------------------------------


def test_wechat_code() -> None:
    code = "134567890123456789"
    assert payment_wallet(code) is Wallet.WECHAT
    assert classify(code) == PaymentCode(Wallet.WECHAT, code)


def test_alipay_codes() -> None:
    for code in ("2812345678901234", "281234567890123456", "300000000000000000000000"):
        assert classify(code) == PaymentCode(Wallet.ALIPAY, code)


def test_unionpay_code() -> None:
    code = "6212345678901234567"
    assert classify(code) == PaymentCode(Wallet.UNIONPAY, code)


@given(st.integers(10, 15), st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_any_wechat_code_is_a_payment(head: int, body: str) -> None:
    code = f"{head}{body}"
    result = classify(code)
    assert result == PaymentCode(Wallet.WECHAT, code)
    assert not isinstance(result, ProductCode)


@given(st.integers(25, 30), st.integers(14, 22), st.data())
def test_any_alipay_code_is_a_payment(head: int, rest: int, data: st.DataObject) -> None:
    code = f"{head}" + data.draw(st.text(alphabet="0123456789", min_size=rest, max_size=rest))
    assert 16 <= len(code) <= 24
    assert classify(code) == PaymentCode(Wallet.ALIPAY, code)


@given(st.integers(14, 17), st.data())
def test_any_unionpay_code_is_a_payment(rest: int, data: st.DataObject) -> None:
    code = "62" + data.draw(st.text(alphabet="0123456789", min_size=rest, max_size=rest))
    assert classify(code) == PaymentCode(Wallet.UNIONPAY, code)


@pytest.mark.parametrize(
    "code",
    [
        "094567890123456789",  # 18 digits but prefix 09
        "164567890123456789",  # 18 digits, prefix 16
        "13456789012345678",  # 17 digits, WeChat prefix
        "2412345678901234",  # 16 digits, prefix 24
        "3112345678901234",  # 16 digits, prefix 31
        "2812345678901",  # 13 digits is GTIN territory, not Alipay
        "6212345",
        "62123456789012345678",  # 20 digits, too long for UnionPay
        "abcdefabcdefabcdef",
        "1",
        "",
    ],
)
def test_not_payment_wallets(code: str) -> None:
    assert payment_wallet(code) is None


def test_non_wallet_digits_are_text() -> None:
    assert classify("094567890123456789") == TextQuery("094567890123456789")
    assert classify("12345") == TextQuery("12345")
    assert classify("123456789012345") == TextQuery("123456789012345")


# --- classify: text and refusals ----------------------------------------------


@pytest.mark.parametrize(
    "text", ["wcdm", "五常大米", "SKU-001", "a b", "茶", "A" * MAX_SCAN_LENGTH]
)
def test_text_queries(text: str) -> None:
    assert classify(text) == TextQuery(text)


def test_text_query_is_stripped() -> None:
    assert classify("  wcdm \r\n") == TextQuery("wcdm")


@pytest.mark.parametrize("raw", ["", " ", "\r\n", "\t \t", "　"])
def test_empty_scan(raw: str) -> None:
    assert error_code(raw) is ErrorCode.SCAN_EMPTY


@pytest.mark.parametrize("raw", ["A" * (MAX_SCAN_LENGTH + 1), "1" * 65, "x" * 500])
def test_too_long_scan(raw: str) -> None:
    with pytest.raises(PosError) as info:
        classify(raw)
    assert info.value.code is ErrorCode.SCAN_TOO_LONG
    assert info.value.params == {"length": len(raw), "limit": MAX_SCAN_LENGTH}


def test_length_is_counted_after_stripping() -> None:
    assert classify("  " + "A" * MAX_SCAN_LENGTH + "\r\n") == TextQuery("A" * MAX_SCAN_LENGTH)


@pytest.mark.parametrize("raw", ["ABC\x00DEF", "690\x1b123", "a\tb", "12\n34", "x\x7fy"])
def test_control_characters_refused(raw: str) -> None:
    assert error_code(raw) is ErrorCode.SCAN_BAD_CHARS


def test_clean_scan_returns_stripped_text() -> None:
    assert clean_scan(" 4006381333931\r\n") == "4006381333931"


@given(st.text(max_size=80) | st.sampled_from(["YCC1.", "YCM1.", "YCC1.x.y"]))
def test_classify_only_ever_raises_pos_errors(raw: str) -> None:
    try:
        result = classify(raw)
    except PosError as exc:
        assert exc.code in {
            ErrorCode.SCAN_EMPTY,
            ErrorCode.SCAN_TOO_LONG,
            ErrorCode.SCAN_BAD_CHARS,
            ErrorCode.SCAN_BAD_CHECK_DIGIT,
        }
    else:
        kinds = ProductCode | ScaleCode | PaymentCode | MemberCode | ReceiptCode | TextQuery
        assert isinstance(result, kinds)
        if isinstance(result, ProductCode):
            assert is_valid_gtin(result.gtin)
            assert len(result.gtin) in (8, 13, 14)


@given(digits)
def test_digit_strings_classified_consistently(code: str) -> None:
    try:
        result = classify(code)
    except PosError as exc:
        assert exc.code in (ErrorCode.SCAN_BAD_CHECK_DIGIT, ErrorCode.SCAN_TOO_LONG)
        assert len(code) in (8, 12, 13, 14)
        return
    if isinstance(result, PaymentCode):
        assert payment_wallet(code) is result.wallet
        assert len(code) not in (8, 12, 13, 14)
    elif isinstance(result, ProductCode | ScaleCode):
        assert is_valid_gtin(code)
    else:
        assert len(code) not in (8, 12, 13, 14)
        assert payment_wallet(code) is None
