"""Career insights: readiness, company chances, role matches, gaps, next actions, and
career recommendations from interests (seed 000 and seed 001).

Pure formulas live in :mod:`.formulas`, :mod:`.actions` and :mod:`.engine`; services that
read and store data in :mod:`.service`, :mod:`.companies`, :mod:`.recommendations`.
"""

from __future__ import annotations
