"""Career insights: readiness, company chances, role matches, gaps, next actions, and
career recommendations from interests (docs/insights.md).

Pure formulas live in :mod:`.formulas`, :mod:`.actions`, :mod:`.engine` and
:mod:`.career_rules`; services that read and store data in :mod:`.service`,
:mod:`.target_companies`, :mod:`.interests` and :mod:`.career_service`.
"""

from __future__ import annotations
