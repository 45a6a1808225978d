"""Who is buying: the resident's masked name, community (by name), points
balance as of the last sync that refreshed it (Asia/Shanghai time, flagged
when more than a day old), what this sale will earn, and whether those points
wait for review (a resident found by phone, without their signed code)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_app.core.money import Money
from pos_app.services.members import MemberView
from pos_app.ui.text import SHANGHAI

#: A balance last refreshed longer ago than this says so: the till has not synced since.
STALE_AFTER = timedelta(days=1)


def points_text(points: int) -> str:
    """'1,280 (¥12.80)': a point is worth one fen of property fee."""
    return f"{points:,} (" + Money(points).format() + ")"


class CustomerPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.name = QLabel()
        self.name.setObjectName("memberName")
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.community = QLabel()
        self.community.setObjectName("memberCommunity")
        self.balance = QLabel()
        self.balance.setObjectName("memberBalance")
        self.balance.setWordWrap(True)
        self.earn = QLabel()
        self.earn.setObjectName("memberEarn")
        self.earn.setStyleSheet("color: #2e7d32; font-size: 14pt; font-weight: bold;")
        self.review = QLabel()
        self.review.setObjectName("memberReview")
        self.review.setWordWrap(True)
        self.review.setStyleSheet("color: #b26a00;")
        for widget in (
            self.title,
            self.name,
            self.community,
            self.balance,
            self.earn,
            self.review,
        ):
            layout.addWidget(widget)
        self.show_member(None, 0)

    def show_member(self, view: MemberView | None, earn: int, now: datetime | None = None) -> None:
        if view is None:
            self.title.setText(self.tr("Resident: scan the membership QR"))
            for label in (self.name, self.community, self.balance, self.earn, self.review):
                label.clear()
            return
        self.title.setText(self.tr("Resident"))
        member = view.member
        self.name.setText(
            member.masked_name or self.tr("Resident {id}").format(id=member.resident_id)
        )
        # a community is named by its name; never by its code ("C900")
        self.community.setText(view.community_name)
        self.balance.setText(self._balance_text(view, now or datetime.now(UTC)))
        self.earn.setText(
            # %n picks the English plural ("1 point"); {points} is the figure shown
            self.tr("This sale earns {points} point(s)", "", earn).format(points=points_text(earn))
        )
        self.review.setText(
            self.tr(
                "Found by phone, without the membership QR: points will be confirmed after review."
            )
            if view.unverified
            else ""
        )

    def _balance_text(self, view: MemberView, now: datetime) -> str:
        if view.balance is None:
            return self.tr("Balance unknown on this till (not synced yet)")
        text = self.tr("Balance {points} point(s)", "", view.balance).format(
            points=points_text(view.balance)
        )
        if view.balance < 0:
            text += " " + self.tr("(negative after returns)")
        as_of = view.balance_as_of
        if as_of is not None:
            text += " " + as_of_text(as_of, now)
        return text


def as_of_text(as_of: datetime, now: datetime) -> str:
    """'· as of 14:05' today (Asia/Shanghai), '· as of 11-25 14:05' another day, and
    'more than a day ago' when the till has not synced for that long."""
    local, today = as_of.astimezone(SHANGHAI), now.astimezone(SHANGHAI)
    shown = (
        local.strftime("%H:%M") if local.date() == today.date() else local.strftime("%m-%d %H:%M")
    )
    if now - as_of > STALE_AFTER:
        return QCoreApplication.translate(
            "CustomerPanel", "· as of {time}, more than a day ago (not synced since)"
        ).format(time=shown)
    return QCoreApplication.translate("CustomerPanel", "· as of {time}").format(time=shown)
