"""Skill charts drawn with matplotlib, without Qt: shared by the Charts tab, the CLI and
exports. Importing this package imports nothing heavy; ``figures`` imports matplotlib."""
