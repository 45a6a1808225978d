"""Who is buying: the resident's masked name, community, points balance as last
known (with its age when it is not fresh), and what this sale will earn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_app.core.money import Money
from pos_app.services.members import MemberView

#: A balance older than this is shown with its age (the till may be offline).
FRESH_SECONDS = 300


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
        self.balance = QLabel()
        self.balance.setObjectName("memberBalance")
        self.balance.setWordWrap(True)
        self.earn = QLabel()
        self.earn.setObjectName("memberEarn")
        self.earn.setStyleSheet("color: #2e7d32; font-size: 14pt; font-weight: bold;")
        for widget in (self.title, self.name, self.community, self.balance, self.earn):
            layout.addWidget(widget)
        self.show_member(None, 0)

    def show_member(self, view: MemberView | None, earn: int, now: datetime | None = None) -> None:
        if view is None:
            self.title.setText(self.tr("Resident: scan the membership QR"))
            for label in (self.name, self.community, self.balance, self.earn):
                label.clear()
            return
        self.title.setText(self.tr("Resident"))
        member = view.member
        self.name.setText(
            member.masked_name or self.tr("Resident {id}").format(id=member.resident_id)
        )
        community = view.resident.community_name if view.resident else member.community_id
        self.community.setText(community)
        self.balance.setText(self._balance_text(view, now or datetime.now(UTC)))
        self.earn.setText(
            self.tr("This sale earns {points} points").format(points=points_text(earn))
        )

    def _balance_text(self, view: MemberView, now: datetime) -> str:
        if view.balance is None:
            return self.tr("Balance unknown on this till (not synced yet)")
        text = self.tr("Balance {points} points").format(points=points_text(view.balance))
        if view.balance < 0:
            text += " " + self.tr("(negative after returns)")
        as_of = view.balance_as_of
        if as_of is not None and (now - as_of).total_seconds() > FRESH_SECONDS:
            text += " " + self.tr("· as of {age} ago").format(age=age_text(now - as_of))
        return text


def age_text(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return QCoreApplication.translate("CustomerPanel", "{n} min").format(n=minutes)
    hours = minutes // 60
    if hours < 48:
        return QCoreApplication.translate("CustomerPanel", "{n} h").format(n=hours)
    return QCoreApplication.translate("CustomerPanel", "{n} days").format(n=hours // 24)
