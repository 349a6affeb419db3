"""Widgets of the Skill charts tab. Importing this package imports nothing heavy;
``canvas`` imports matplotlib's Qt backend and is loaded only when charts are first shown."""
