"""Advisor dashboard widgets (the tab itself is careerdesk.ui.advising.tab)."""
