"""Alembic environment: runs against the engine the application hands over."""

from __future__ import annotations

from alembic import context

import pos_app.persistence.audit_models
import pos_app.persistence.event_models
import pos_app.persistence.notice_models
import pos_app.persistence.print_models
import pos_app.persistence.promo_models
import pos_app.persistence.redemption_models
import pos_app.persistence.shift_models
import pos_app.persistence.staff_models  # noqa: F401 (registers print_jobs, staff, approvals on Base)
from pos_app.persistence.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things in place
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
