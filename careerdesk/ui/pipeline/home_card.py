"""Home card: follow-ups that are due, with compose / mark sent / snooze, and the notifier."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from careerdesk.ui.home.cards import HomeCard
from careerdesk.ui.pipeline.followup_list import FollowUpList
from careerdesk.ui.pipeline.followup_notify import install
from careerdesk.ui.shell.context import UiContext


class FollowUpsCard(QFrame):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(self)
        v.addWidget(QLabel("<b>Today's follow-ups</b>"))
        self.list = FollowUpList(ctx, upcoming=False, limit=5)
        self.list.tree.setMinimumHeight(120)
        v.addWidget(self.list)
        self.list.shown.connect(lambda: ctx.screen_ready.emit("home:followups"))
        # The card lives as long as the window: it also runs the due-notification check.
        self.notifier = install(ctx)
        ctx.profile_changed.connect(lambda _pid: ctx.after_first_screen(self.notifier.check))


def _factory(ctx: UiContext) -> QWidget:
    return FollowUpsCard(ctx)


CARD = HomeCard("followups", 30, _factory)
