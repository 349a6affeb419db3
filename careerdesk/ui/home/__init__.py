"""The Home tab and the Home-card plug-in point (``cards.py``)."""
