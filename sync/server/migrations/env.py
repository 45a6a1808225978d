"""Alembic environment: runs against the engine `sync.server.db.upgrade` hands over."""

from __future__ import annotations

from alembic import context

from sync.server.models.base import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; PostgreSQL can
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
