"""Storage: SQLAlchemy 2 engine and sessions, typed tables, Alembic migrations, backups."""

from careerdesk.core.storage.engine import Database, open_database

__all__ = ["Database", "open_database"]
