"""Pipeline intelligence (docs/intel.md): follow-ups, per-job fit, recommendations, analytics."""
