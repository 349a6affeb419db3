"""The Settings dialog; its pages are plug-ins in ``pages/``."""
