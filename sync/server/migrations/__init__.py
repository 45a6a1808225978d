"""Alembic migrations of the central database (run by `yuancang-central init`)."""
