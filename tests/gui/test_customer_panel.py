"""The customer panel: the balance dated by the last sync that refreshed it, in
Asia/Shanghai time, flagged past a day; the community by name; and the note
that a resident found by phone earns points only after review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos_app.core.member import Member
from pos_app.persistence.members_repo import ResidentInfo
from pos_app.services.members import MemberView
from pos_app.ui.widgets.customer_panel import CustomerPanel, as_of_text

NOW = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
R0001 = Member("R0001", "C001", "P001", "张*明", "nonce", 0, "YCM1.code")
CACHED = ResidentInfo("R0001", "C001", "P001", "张*明", "示范社区", 1280, NOW - timedelta(days=40))


def test_as_of_is_shanghai_time_and_says_when_older_than_a_day() -> None:
    assert as_of_text(NOW - timedelta(minutes=25), NOW) == "· as of 14:05"
    # 23:50 UTC the day before is 07:50 today in Shanghai
    assert as_of_text(datetime(2026, 11, 26, 23, 50, tzinfo=UTC), NOW) == "· as of 07:50"
    assert as_of_text(NOW - timedelta(hours=20), NOW) == "· as of 11-26 18:30"
    assert as_of_text(NOW - timedelta(days=2), NOW) == (
        "· as of 11-25 14:30, more than a day ago (not synced since)"
    )


def test_the_balance_is_dated_by_the_last_pull_not_by_its_last_move(qtbot) -> None:
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    # the balance last moved 40 days ago; the till pulled everything 10 minutes ago
    view = MemberView(
        R0001, CACHED, synced_at=NOW - timedelta(minutes=10), community_name="示范社区"
    )
    panel.show_member(view, 5, now=NOW)
    assert panel.balance.text() == "Balance 1,280 (¥12.80) points · as of 14:20"
    assert (panel.name.text(), panel.community.text(), panel.review.text()) == (
        "张*明",
        "示范社区",
        "",
    )
    stale = MemberView(R0001, CACHED, synced_at=NOW - timedelta(days=3), community_name="示范社区")
    panel.show_member(stale, 5, now=NOW)
    assert panel.balance.text().endswith(
        "· as of 11-24 14:30, more than a day ago (not synced since)"
    )


def test_a_resident_found_by_phone_is_told_points_wait_for_review(qtbot) -> None:
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    by_phone = Member("R0005", "C002", "P001", "陈*华")  # no code
    panel.show_member(MemberView(by_phone, None, community_name="滨江社区"), 0, now=NOW)
    assert panel.community.text() == "滨江社区"  # never the code "C002"
    assert panel.balance.text() == "Balance unknown on this till (not synced yet)"
    assert panel.review.text() == (
        "Found by phone, without the membership QR: points will be confirmed after review."
    )
    panel.show_member(None, 0)
    assert panel.review.text() == "" and panel.community.text() == ""
