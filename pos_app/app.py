"""Composition root: the only place that wires real collaborators together."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from pos_app.config import Settings
from pos_app.core.catalog_mapping import ColumnMapping
from pos_app.core.errors import PosError
from pos_app.options import StoreSettings, TerminalSettings, TillSettings
from pos_app.paths import DEMO_CATALOG
from pos_app.persistence.audit_repo import AuditRepository
from pos_app.persistence.catalog_browse import CatalogBrowseRepository
from pos_app.persistence.catalog_repo import CatalogRepository
from pos_app.persistence.db import open_database
from pos_app.persistence.events_reader import EventsReader
from pos_app.persistence.events_repo import EventsRepository
from pos_app.persistence.held_repo import HeldOrderRepository
from pos_app.persistence.members_repo import MembersRepository
from pos_app.persistence.print_jobs_repo import PrintJobsRepository
from pos_app.persistence.promotions_repo import PromotionsRepository
from pos_app.persistence.redemptions_repo import RedemptionsRepository
from pos_app.persistence.refunds_repo import RefundsRepository
from pos_app.persistence.sale_reader import SaleReader
from pos_app.persistence.sales_repo import SalesRepository
from pos_app.persistence.sales_report_reader import SalesReportReader
from pos_app.persistence.search_cache import SearchIndexCache
from pos_app.persistence.secret_box import SecretStoreError
from pos_app.persistence.settings_repo import SettingsRepository
from pos_app.persistence.shifts_repo import ShiftsRepository
from pos_app.persistence.staff_repo import StaffRepository
from pos_app.persistence.terminal_key import load_or_create
from pos_app.services import training as training_service
from pos_app.services.approvals import ManagerApproval, NoStaffRolesYet
from pos_app.services.audit import AuditedApproval, AuditService
from pos_app.services.backup import BackupService
from pos_app.services.catalog import CatalogService
from pos_app.services.catalog_browse import CatalogBrowseService
from pos_app.services.catalog_import import (
    CatalogPreview,
    ImportReport,
    import_catalog,
    preview_catalog,
)
from pos_app.services.checkout import CheckoutService
from pos_app.services.event_reports import EventReportsService
from pos_app.services.events import EventsService
from pos_app.services.members import MemberService
from pos_app.services.pin_approval import PinApproval, thresholds_of
from pos_app.services.printing import PrintService
from pos_app.services.promotions import PromotionsService
from pos_app.services.receipt_qr import ReceiptQr
from pos_app.services.redemptions import RedemptionService
from pos_app.services.refunds import RefundService
from pos_app.services.sales_reports import SalesReportsService
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import StaffService
from pos_app.services.staff_audit import staff_listener
from pos_app.services.sync import SyncService

log = logging.getLogger("pos_app")

#: Set to "1" by the test suite only (tests/conftest.py): a context finding no
#: open shift opens one with a ¥0.00 float, so tests that sell need no ceremony.
#: A till (demo or not) never sets it: a cashier opens the shift with its float.
TEST_OPEN_SHIFT_ENV = "YUANCANG_TEST_OPEN_SHIFT"


@dataclass
class AppContext:
    data_dir: Path
    engine: Engine
    settings: Settings
    catalog: CatalogService
    sales: SalesRepository
    checkout: CheckoutService
    members: MemberService
    refunds: RefundService
    receipt_qr: ReceiptQr
    sync: SyncService
    printing: PrintService
    browse: CatalogBrowseService  # the product grid's categories and tiles
    audit: AuditService  # settings changes, imports, approvals (sales' own in their writers)
    shifts: ShiftService  # 交班: a sale needs an open shift
    redemptions: RedemptionService  # 核销 at the server, kept here for the shift
    # manager approval of acts where money leaves (refund, redemption, …): one hook
    approval: ManagerApproval = field(default_factory=NoStaffRolesYet)
    # the daily copy of the database to backup.directory (build_context sets it)
    backup: BackupService | None = None
    training: bool = False  # 培训模式: a separate database, no sync (services.training)
    staff: StaffService | None = None  # who is signed in (None: a context without staff)
    # the sealed credential and terminal key cannot be opened (key lost): the till sells
    # and queues on, unsynced, until it is enrolled again; the UI says so
    secrets_problem: PosError | None = None
    # the store's promotions: the book the cart prices with, active and upcoming ones
    promotions: PromotionsService | None = None
    # tasting events: event mode's records, and the event report (services.events)
    events: EventsService | None = None
    event_reports: EventReportsService | None = None
    # the sales reports from the local database, and the printed day (营业日报)
    sales_reports: SalesReportsService | None = None

    def cashier_name(self) -> str:
        """The signed-in staff member's name; the `cashier.name` setting when none."""
        return self.staff.cashier_name() if self.staff else self.settings.terminal.cashier_name

    def import_catalog(
        self, path: Path, *, mapping: ColumnMapping | None = None, saved: object = None
    ) -> ImportReport:
        """A catalog file, with the dialog's mapping, a saved MAP.json's or the guess."""
        before = self.audit.prices()
        report = import_catalog(path, self.catalog.repo, mapping=mapping, saved=saved)
        if report.ok:
            self.catalog.rebuild_index()
            self.audit.catalog_imported(
                self.actor(),
                path.name,
                rows=report.rows,
                inserted=report.inserted,
                updated=report.updated,
                before=before,
            )
        else:
            self.audit.record(
                "catalog_import_refused", self.actor(), path.name, problems=len(report.problems)
            )
        return report

    def preview_catalog(self, path: Path) -> CatalogPreview:
        """The file as the import dialog shows it, with the guessed mapping."""
        return preview_catalog(path, self.catalog.repo)

    def save_setting(self, key: str, value: object) -> None:
        """One value by its stored key (the command line and tests)."""
        before = self.settings.as_strings()
        self.settings.set(key, value)
        SettingsRepository(self.engine).save(self.settings)
        self.audit.settings_changed(self.actor(), before, self.settings.as_strings())

    def save_settings(self, edit: Callable[[TillSettings], TillSettings]) -> None:
        """A typed change (see Settings.change): applied at once, then stored."""
        before = self.settings.as_strings()
        self.settings.change(edit)
        SettingsRepository(self.engine).save(self.settings)
        self.audit.settings_changed(self.actor(), before, self.settings.as_strings())

    def actor(self) -> str:
        """Who the audit log names for an act on this till (the signed-in cashier)."""
        return self.cashier_name()

    def close(self) -> None:
        self.engine.dispose()


def build_context(
    data_dir: Path, *, demo: bool = False, training: bool = False, demo_promotions: bool = False
) -> AppContext:
    """The real till on `data_dir`; `training=True`: a training session on a fresh
    copy of its catalog (services.training), which never opens the real database.
    `demo_promotions` (with `demo`): the demo's promotions too, once; apart from
    `demo` so that the demo data the tests sell from keeps its shelf prices."""
    if training:
        data_dir, demo = training_service.prepare(data_dir), False
    engine = open_database(data_dir)
    settings_repo = SettingsRepository(engine)
    members_repo = MembersRepository(engine)
    staff_repo = StaffRepository(engine)
    promotions_repo = PromotionsRepository(engine)
    if demo:
        _seed_demo(settings_repo, members_repo, staff_repo)
        if demo_promotions:  # the demo tasting event with them: its event price is one
            _seed_demo_promotions(promotions_repo)
            _seed_demo_events(EventsRepository(engine))
    settings = settings_repo.load()
    catalog = CatalogService(CatalogRepository(engine), SearchIndexCache(data_dir))
    sales = SalesRepository(engine)
    # each service gets only the settings it reads, as getters of the current
    # snapshot: a change applies at once, without a restart
    store, terminal_setting = (lambda: settings.store), (lambda: settings.terminal)
    staff = StaffService(staff_repo, store, terminal_setting)
    # sales, refunds, shifts and receipts carry the signed-in cashier's name
    terminal = staff.terminal
    members = MemberService(members_repo, store, lambda: settings.membership)
    audit = AuditService(AuditRepository(engine), lambda: settings.terminal.code)
    # sign-ins, switches, wrong PINs, locks… each an audit entry
    staff.on_event(staff_listener(audit, staff.cashier_name))
    # a manager's PIN where the thresholds ask for one; every request is audited
    approval = AuditedApproval(
        PinApproval(
            staff,
            staff_repo,
            lambda: thresholds_of(settings.current),
            lambda: settings.terminal.code,
        ),
        audit,
    )
    shifts = ShiftService(
        ShiftsRepository(engine), store=store, terminal=terminal, approval=approval
    )
    promotions = PromotionsService(promotions_repo, store, terminal, approval)
    checkout = CheckoutService(
        catalog=catalog,
        sales=sales,
        held=HeldOrderRepository(engine),
        store=store,
        terminal=terminal,
        scale=lambda: settings.scale,
        members=members,
        open_shift=shifts.current_id,
        approval=approval,
        promotions=promotions.book,
    )
    try:
        signing_key, secrets_problem = load_or_create(data_dir), None
    except SecretStoreError as exc:  # nothing is rewritten: enrollment replaces the box
        log.error("the till's sealed secrets cannot be opened: %s", exc)
        signing_key, secrets_problem = None, exc
    receipt_qr = ReceiptQr(signing_key, lambda: settings.points)

    def catalog_changed() -> None:
        # sync runs on a worker thread: rebuild the index there, not on the first search
        catalog.rebuild_index()
        catalog.index()

    sync = SyncService(
        engine,
        data_dir,
        settings,
        on_catalog_changed=catalog_changed,
        on_members_changed=members.reload,
        on_promotions_changed=promotions.reload,
    )
    context = AppContext(
        data_dir,
        engine,
        settings,
        catalog,
        sales,
        checkout,
        members,
        RefundService(RefundsRepository(engine), store, terminal, approval),
        receipt_qr,
        sync,
        PrintService(
            jobs=PrintJobsRepository(engine),
            sales=SaleReader(engine),
            printer=lambda: settings.printer,
            store=store,
            terminal=terminal,
            # a training receipt carries no claim code: its points exist nowhere
            qr_for_sale=None if training else receipt_qr.for_sale,
            training=training,
        ),
        CatalogBrowseService(CatalogBrowseRepository(engine), data_dir / "images"),
        audit,
        shifts,
        RedemptionService(RedemptionsRepository(engine), sync.redeem, terminal),
        approval,
        staff=staff,
        training=training,
        secrets_problem=secrets_problem,
        promotions=promotions,
    )
    shifts.enqueue_receipt = context.printing.enqueue_receipt
    _wire_events(context, store, terminal_setting)
    context.sales_reports = SalesReportsService(
        SalesReportReader(engine),
        context.printing.store,
        lambda: staff.current,
        context.cashier_name,
        context.printing.enqueue_receipt,
    )
    if os.environ.get(TEST_OPEN_SHIFT_ENV) == "1" and shifts.current() is None:
        shifts.open(0)
    # a training session practises on a throw-away copy: nothing of it is backed up
    context.backup = None if training else BackupService(data_dir, settings)
    # a resident without their phone: the server answers first, the cache when offline
    members.online_lookup = context.sync.members_by_phone
    if demo and catalog.repo.count() == 0:
        report = context.import_catalog(DEMO_CATALOG)
        if not report.ok:
            raise RuntimeError(f"demo catalog is invalid: {report.problems[:3]}")
        log.info("demo catalog loaded: %d products", report.inserted)
    return context


def _wire_events(
    context: AppContext,
    store: Callable[[], StoreSettings],
    terminal: Callable[[], TerminalSettings],
) -> None:
    """Event mode and its report; a sale in event mode carries the event's id."""
    reader = EventsReader(context.engine)
    staff = context.staff

    def name_of(sku: str) -> str:
        product = context.catalog.repo.by_sku(sku)
        return sku if product is None else product.name

    context.events = EventsService(
        EventsRepository(context.engine),
        reader,
        store,
        terminal,
        lambda: None if staff is None else staff.current,
        attach=context.checkout.set_event,
    )
    context.event_reports = EventReportsService(
        context.events, reader, name_of, context.printing.store, context.cashier_name
    )


def _seed_demo_promotions(repo: PromotionsRepository) -> None:
    """The demo's promotions, once per demo data directory (checked as a pull is)."""
    from pos_app.core.demo_data import demo_promotions
    from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict

    if repo.all():
        return
    for data in demo_promotions():
        stores, status = data.pop("stores"), data.pop("status")
        repo.save(
            definition=promotion_to_dict(promotion_from_dict(data)),
            stores=stores,
            status=status,
            origin="server",
            created_by="",
            at=datetime.now(UTC),
        )


def _seed_demo_events(repo: EventsRepository) -> None:
    """The demo's tasting event, once per demo data directory (as the feed brings one)."""
    from pos_app.core.events import event_from_dict
    from pos_app.demo import demo_events

    for data in demo_events():
        if repo.get(data["event_id"]) is None:
            event = event_from_dict(data)
            repo.save_event(event, origin="server", created_by="", at=datetime.now(UTC))


def _seed_demo(
    settings_repo: SettingsRepository, members: MembersRepository, staff: StaffRepository
) -> None:
    """Residents, contracts, staff and the demo server key, once per demo data directory."""
    from pos_app import demo

    if not staff.list_active(demo.DEMO_STAFF_STORE):
        staff.upsert_from_server(demo.demo_staff())
    settings = settings_repo.load()
    if settings.membership.public_keys:
        return
    settings.set("membership.public_keys", demo.demo_key_ring_setting())
    settings_repo.save(settings)
    members.upsert_residents(demo.demo_residents())
    members.add_contract(demo.DEMO_CONTRACT)
    members.add_contract(demo.DEMO_CONTRACT_C002)
    log.info("demo residents and contracts loaded")
