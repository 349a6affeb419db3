"""Settings pages, one module per area; each exposes ``PAGE: SettingsPage``."""
