"""Learning paths: content for the gaps, path snapshots, item states, the activity log."""
