"""Advisor dashboard widgets (the tab itself is careerdesk.ui.tabs.advisor)."""
