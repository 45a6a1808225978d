"""The audit trail on a real database: settings changes (secrets withheld), catalog
imports with their price changes, every approval request, and nothing personal."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.persistence.audit_repo import AuditRepository
from pos_app.persistence.chain_repo import check
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.services.audit import AuditedApproval, AuditService
from tests.staff_helpers import refund_as_manager

HEADER = "sku,barcodes,name,category,unit,price,member_price,plu,active"
AT = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def entries(context, kind: str) -> list[tuple[str, str, dict[str, object]]]:
    return [(e.actor, e.subject, e.details) for e in context.audit.recent(kind=kind)][::-1]


def test_a_setting_change_records_key_old_and_new(context) -> None:
    context.save_setting("receipt.footer", "欢迎再来")
    context.save_settings(lambda s: s)  # nothing changed: nothing recorded
    assert entries(context, "setting") == [
        ("收银员01", "receipt.footer", {"old": "谢谢惠顾 · 积分可抵物业费", "new": "欢迎再来"})
    ]
    assert check(context.engine)[0] is None


def test_a_secret_setting_is_recorded_without_its_values(context) -> None:
    audit = AuditService(AuditRepository(context.engine), lambda: "T01", lambda: AT)
    count = audit.settings_changed(
        "店长",
        {"sync.token": "old-secret", "ui.language": "zh_CN"},
        {"sync.token": "s3cr3t", "ui.language": "en"},
    )
    assert count == 2
    recorded = {e.subject: e.details for e in audit.recent(kind="setting")}
    assert recorded == {
        "sync.token": {"old": "***", "new": "***"},
        "ui.language": {"old": "zh_CN", "new": "en"},
    }
    assert "s3cr3t" not in json.dumps([e.details for e in audit.recent()])


def test_a_catalog_import_records_counts_and_each_price_change(context, tmp_path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(
        f"{HEADER}\n"
        "YC-WAT-0001,6975321000012,硒泉水 550ml,water,瓶,2.20,1.90,,1\n"
        "YC-WAT-0004,6975321000043,硒泉水 1.5L,water,瓶,4.50,4.20,,1\n"
        "YC-NEW-0001,,新品,water,瓶,3.00,,,1\n",
        encoding="utf-8",
    )
    report = context.import_catalog(path)
    assert report.ok and (report.inserted, report.updated) == (1, 2)
    assert entries(context, "catalog_import")[-1] == (
        "收银员01",
        "prices.csv",
        {"rows": 3, "inserted": 1, "updated": 2, "prices_changed": 1},
    )
    assert entries(context, "price_change") == [
        (
            "收银员01",
            "YC-WAT-0001",
            {
                "old_fen": 200,
                "new_fen": 220,
                "old_member_fen": 190,
                "new_member_fen": 190,
                "source": "prices.csv",
            },
        )
    ]


def test_a_refused_import_is_recorded_too(context, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nYC-X,,x,nosuchcategory,瓶,abc,,,1\n", encoding="utf-8")
    report = context.import_catalog(path)
    assert not report.ok
    assert entries(context, "catalog_import_refused") == [
        ("收银员01", "bad.csv", {"problems": len(report.problems)})
    ]


class Refuses:
    def approve(self, request: ApprovalRequest) -> str | None:
        return None if request.amount_fen > 1000 else "王店长"


def test_every_approval_request_is_recorded_with_its_answer(context) -> None:
    hook = AuditedApproval(Refuses(), context.audit)
    small = ApprovalRequest(ApprovalAction.DRAWER, 0, "收银员01", "", details={"reason": "change"})
    big = ApprovalRequest(ApprovalAction.REFUND, 5000, "收银员01", "S001-T01-000009")
    assert hook.approve(small) == "王店长"
    assert hook.approve(big) is None
    assert entries(context, "approval") == [
        (
            "收银员01",
            "",
            {
                "action": "drawer",
                "amount_fen": 0,
                "approved": 1,
                "approved_by": "王店长",
                "detail_reason": "change",
            },
        ),
        (
            "收银员01",
            "S001-T01-000009",
            {"action": "refund", "amount_fen": 5000, "approved": 0, "approved_by": ""},
        ),
    ]


def test_the_app_hook_is_audited_and_the_log_holds_nothing_personal(context) -> None:
    co = context.checkout
    co.scan("6921445000018")
    co.scan(demo_code("R0001"))
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    sale = co.complete(tender)
    refund_as_manager(context, context.refunds.find(sale.receipt_no), {1: 1})
    kinds = [e.kind for e in context.audit.recent()][::-1]
    # the manager's PIN given (the staff event), then the refund's own approval
    assert kinds == ["catalog_import", "manager_pin", "approval", "refund"]
    text = json.dumps(
        [(e.actor, e.subject, e.details) for e in context.audit.recent()], ensure_ascii=False
    )
    assert "R0001" not in text and "张*明" not in text
    assert check(context.engine)[0] is None
