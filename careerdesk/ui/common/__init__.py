"""Small display helpers shared by several features' widgets."""
