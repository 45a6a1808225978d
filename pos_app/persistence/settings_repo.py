"""Terminal settings as key/value rows."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.config import OPTIONS, Settings
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import SettingRow

SET = SettingRow.__table__
_KEYS = [o.key for o in OPTIONS]


class SettingsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)  # BEGIN IMMEDIATE for writes

    def load(self) -> Settings:
        with self._engine.connect() as conn:
            rows = conn.execute(select(SET.c.key, SET.c.value).where(SET.c.key.in_(_KEYS)))
            return Settings(dict(rows.all()))

    def save(self, settings: Settings) -> None:
        values = [{"key": k, "value": v} for k, v in settings.as_strings().items()]
        stmt = sqlite_insert(SET)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"value": stmt.excluded.value}
        )
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(stmt, values)
