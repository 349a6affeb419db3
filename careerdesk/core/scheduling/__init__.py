"""The six-hourly refresh outside the app: the operating system's own scheduler runs
``careerdesk refresh-recommendations --all`` (docs/scheduling.md).

:mod:`.rules` writes the entries (systemd user timer, launchd agent, Task Scheduler command)
as pure functions; :mod:`.service` installs, removes and reports them through an injected
:class:`~careerdesk.core.scheduling.models.SystemTools`, so nothing here runs a program of its
own; :mod:`.last_run` keeps the result of the latest refresh for ``schedule status``.
"""

from __future__ import annotations
