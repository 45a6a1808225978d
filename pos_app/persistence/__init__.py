"""Local storage: SQLite through SQLAlchemy, Alembic migrations, repositories."""
