"""Widgets of the Pipeline tab (board, table, detail panel, dialogs, import/export)."""
