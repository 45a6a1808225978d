"""The event report (活动报告) at this till: the core's `event_report` over the
records kept here, exported to CSV and XLSX, and as receipt data to print.

The till's report counts what this till recorded, its sales net of the refunds
recorded here (`pos_app.core.event_report.net_of_refunds`); the central server
runs the same rule over every till's records for the event.

Every table of the export has the same columns in CSV and XLSX: one block of
totals, one of products, one of hours (Asia/Shanghai); written as every report
of the till exports (`table_export`: yuan exactly, a BOM, never a half file).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pos_app.core.event_report import GENERAL, EventReport, event_report
from pos_app.persistence.events_reader import EventsReader
from pos_app.receipts.document import ReceiptData, StoreInfo
from pos_app.receipts.event_report import event_receipt, percent, rating_text
from pos_app.services.events import EventsService
from pos_app.services.table_export import Cell, write_csv, write_xlsx, yuan


class EventReportsService:
    def __init__(
        self,
        events: EventsService,
        reader: EventsReader,
        name_of: Callable[[str], str],
        store_info: Callable[[], StoreInfo],
        cashier: Callable[[], str],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._events = events
        self._reader = reader
        self._name_of = name_of  # a product's name by SKU (the SKU itself when unknown)
        self._store_info = store_info
        self._cashier = cashier
        self._clock = clock

    def report(self, event_id: str) -> EventReport:
        event = self._events.event(event_id)
        return event_report(
            event_id,
            sample_budget_fen=event.sample_budget_fen,
            samples=self._reader.samples(event_id),
            feedback=self._reader.feedback(event_id),
            tallies=self._reader.tallies(event_id),
            leads=self._reader.leads(event_id),
            sales=self._reader.sales(event_id),
            known_before=self._reader.residents_before(event.starts_at),
            refunds=self._reader.refunds(event_id),  # the report is net of them
        )

    def receipt(self, event_id: str) -> ReceiptData:
        event = self._events.event(event_id)
        return event_receipt(
            store=self._store_info(),
            report=self.report(event_id),
            event_name=event.name,
            name_of=self._name_of,
            issued_at=self._clock(),
            cashier=self._cashier(),
        )

    # --- export -----------------------------------------------------------------

    def table(self, event_id: str) -> list[list[Cell]]:
        """The report as rows of cells: what both exports write."""
        r = self.report(event_id)
        event = self._events.event(event_id)
        rows: list[list[Cell]] = [
            ["event_id", r.event_id],
            ["name", event.name],
            ["visitors", r.visitors],
            ["tastings", r.tastings],
            ["sample_cost_yuan", yuan(r.sample_cost_fen)],
            ["sample_budget_yuan", yuan(r.sample_budget_fen)],
            ["sales_count", r.sales_count],
            ["buyers", r.buyers],
            ["member_buyers", r.member_buyers],
            ["sales_yuan", yuan(r.sales_fen)],
            ["units", r.units],
            ["buyers_per_visitor", percent(r.buyers_per_visitor_bps)],
            ["buyers_per_tasting", percent(r.buyers_per_tasting_bps)],
            ["residents_identified", r.residents_identified],
            ["new_residents", r.new_residents],
            ["leads", r.leads],
            ["feedback", r.feedback_count],
            [],
            [
                "sku",
                "product",
                "tastings",
                "sample_quantity",
                "sample_cost_yuan",
                "units",
                "sales_yuan",
                "feedback",
                "average_rating",
                "tags",
            ],
        ]
        for p in r.products:
            rows.append(
                [
                    p.sku,
                    "" if p.sku == GENERAL else self._name_of(p.sku),
                    p.tastings,
                    p.sample_quantity,
                    yuan(p.sample_cost_fen),
                    p.units,
                    yuan(p.sales_fen),
                    p.feedback_count,
                    rating_text(p.rating_sum, p.feedback_count),
                    " ".join(f"{tag}:{n}" for tag, n in p.tags),
                ]
            )
        rows += [[], ["hour", "visitors", "sales_count", "units", "sales_yuan"]]
        for h in r.hours:
            rows.append(
                [h.hour.strftime("%Y-%m-%d %H:00"), h.visitors, h.sales_count, h.units,
                 yuan(h.sales_fen)]
            )  # fmt: skip
        return rows

    def export_csv(self, event_id: str, path: Path) -> Path:
        return write_csv(self.table(event_id), path)

    def export_xlsx(self, event_id: str, path: Path) -> Path:
        return write_xlsx([("event", self.table(event_id))], path)
