"""Application icons (rendered from packaging/icons/*.svg by tools/make_icons.py)."""
