"""Composition root: the only place that wires real collaborators together."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from pos_app.config import Settings
from pos_app.paths import DEMO_CATALOG
from pos_app.persistence.catalog_repo import CatalogRepository
from pos_app.persistence.db import open_database
from pos_app.persistence.held_repo import HeldOrderRepository
from pos_app.persistence.sales_repo import SalesRepository
from pos_app.persistence.settings_repo import SettingsRepository
from pos_app.services.catalog import CatalogService
from pos_app.services.catalog_import import ImportReport, import_catalog
from pos_app.services.checkout import CheckoutService

log = logging.getLogger("pos_app")


@dataclass
class AppContext:
    data_dir: Path
    engine: Engine
    settings: Settings
    catalog: CatalogService
    sales: SalesRepository
    checkout: CheckoutService

    def import_catalog(self, path: Path) -> ImportReport:
        report = import_catalog(path, self.catalog.repo)
        if report.ok:
            self.catalog.rebuild_index()
        return report

    def save_setting(self, key: str, value: object) -> None:
        self.settings.set(key, value)
        SettingsRepository(self.engine).save(self.settings)

    def close(self) -> None:
        self.engine.dispose()


def build_context(data_dir: Path, *, demo: bool = False) -> AppContext:
    engine = open_database(data_dir)
    settings = SettingsRepository(engine).load()
    catalog = CatalogService(CatalogRepository(engine))
    sales = SalesRepository(engine)
    checkout = CheckoutService(
        catalog=catalog, sales=sales, held=HeldOrderRepository(engine), settings=settings
    )
    context = AppContext(data_dir, engine, settings, catalog, sales, checkout)
    if demo and catalog.repo.count() == 0:
        report = context.import_catalog(DEMO_CATALOG)
        if not report.ok:
            raise RuntimeError(f"demo catalog is invalid: {report.problems[:3]}")
        log.info("demo catalog loaded: %d products", report.inserted)
    return context
