"""Content packs: videos (and documents) installed once for every profile (docs/packs.md)."""
