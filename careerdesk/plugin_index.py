"""Plug-in modules per plug-in point, for the frozen bundle (generated: do not edit).

Written by ``python -m careerdesk.core.kernel.plugins --write``; a test checks it
against the source tree.
"""

INDEX: dict[str, tuple[str, ...]] = {
    "careerdesk.cli.commands:*": (
        "careerdesk.cli.commands.analytics",
        "careerdesk.cli.commands.applications",
        "careerdesk.cli.commands.backup",
        "careerdesk.cli.commands.calendar",
        "careerdesk.cli.commands.catalog",
        "careerdesk.cli.commands.charts",
        "careerdesk.cli.commands.cohort",
        "careerdesk.cli.commands.demo",
        "careerdesk.cli.commands.export_",
        "careerdesk.cli.commands.import_",
        "careerdesk.cli.commands.insights",
        "careerdesk.cli.commands.kiosk",
        "careerdesk.cli.commands.learning_path",
        "careerdesk.cli.commands.postings",
        "careerdesk.cli.commands.profile",
        "careerdesk.cli.commands.schedule",
        "careerdesk.cli.commands.selftest",
        "careerdesk.cli.commands.skills",
        "careerdesk.cli.commands.videos",
    ),
    "careerdesk.core.calendar.sources:*": (
        "careerdesk.core.calendar.sources.followups",
        "careerdesk.core.calendar.sources.pipeline",
    ),
    "careerdesk.core.storage.tables:*": (
        "careerdesk.core.storage.tables.calendar",
        "careerdesk.core.storage.tables.content",
        "careerdesk.core.storage.tables.insights",
        "careerdesk.core.storage.tables.intel",
        "careerdesk.core.storage.tables.interviews",
        "careerdesk.core.storage.tables.learning",
        "careerdesk.core.storage.tables.pipeline",
        "careerdesk.core.storage.tables.postings",
        "careerdesk.core.storage.tables.profiles",
        "careerdesk.core.storage.tables.skills",
    ),
    "careerdesk.demo.seeders:*": (
        "careerdesk.demo.seeders.calendar",
        "careerdesk.demo.seeders.insights",
        "careerdesk.demo.seeders.intel",
        "careerdesk.demo.seeders.interviews",
        "careerdesk.demo.seeders.learning",
        "careerdesk.demo.seeders.pipeline",
        "careerdesk.demo.seeders.player",
        "careerdesk.demo.seeders.postings",
    ),
    "careerdesk.selftest.checks:*": (
        "careerdesk.selftest.checks.calendar",
        "careerdesk.selftest.checks.charts",
        "careerdesk.selftest.checks.foundation",
        "careerdesk.selftest.checks.insights",
        "careerdesk.selftest.checks.intel",
        "careerdesk.selftest.checks.learning",
        "careerdesk.selftest.checks.packaging",
        "careerdesk.selftest.checks.pipeline",
        "careerdesk.selftest.checks.player",
        "careerdesk.selftest.checks.postings",
    ),
    "careerdesk.ui.pipeline.views:*": (
        "careerdesk.ui.pipeline.views.analytics",
        "careerdesk.ui.pipeline.views.fit",
        "careerdesk.ui.pipeline.views.followups",
    ),
    "careerdesk.ui.settings.pages:*": (
        "careerdesk.ui.settings.pages.ai",
        "careerdesk.ui.settings.pages.calendar",
        "careerdesk.ui.settings.pages.data",
        "careerdesk.ui.settings.pages.kiosk",
        "careerdesk.ui.settings.pages.schedule",
    ),
    "careerdesk.ui:home_card": (
        "careerdesk.ui.insights.home_card",
        "careerdesk.ui.learning.home_card",
        "careerdesk.ui.pipeline.home_card",
    ),
    "careerdesk.ui:tab": (
        "careerdesk.ui.advising.tab",
        "careerdesk.ui.assessments.tab",
        "careerdesk.ui.charts.tab",
        "careerdesk.ui.home.tab",
        "careerdesk.ui.insights.tab",
        "careerdesk.ui.learning.tab",
        "careerdesk.ui.pipeline.tab",
        "careerdesk.ui.player.tab",
    ),
}

# Tab headers: (key, title, order, advisor_only, has_actions) per tab module.
TAB_HEADERS: dict[str, tuple[str, str, int, bool, bool]] = {
    "careerdesk.ui.advising.tab": ("advisor", "Advisor", 90, True, False),
    "careerdesk.ui.assessments.tab": ("assessments", "Assessments", 10, False, False),
    "careerdesk.ui.charts.tab": ("charts", "Skill charts", 60, False, False),
    "careerdesk.ui.home.tab": ("home", "Home", 0, False, False),
    "careerdesk.ui.insights.tab": ("insights", "Insights", 40, False, True),
    "careerdesk.ui.learning.tab": ("learning", "Learning", 20, False, False),
    "careerdesk.ui.pipeline.tab": ("pipeline", "Pipeline", 50, False, True),
    "careerdesk.ui.player.tab": ("player", "Player", 30, False, False),
}
