"""Storage: SQLAlchemy 2 engine and sessions (``engine``), opening and migrating the database
(``opening``, ``migrations``), typed tables (``tables``), backups (``backup``)."""
