"""Widgets of the Insights tab (the tab itself is careerdesk.ui.insights.tab)."""
