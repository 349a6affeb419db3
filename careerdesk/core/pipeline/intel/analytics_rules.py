"""Outcome analytics, pure: funnel, conversion, time in stage, breakdowns, patterns, accuracy.

Input is one :class:`AppFacts` per application (built by the service from the pipeline and
its event log). A stage counts as *reached* when the application ever entered it or any later
stage (employers skip steps), so the funnel never widens.

Breakdowns and patterns use eight dimensions: source, company, role, location, work mode,
seniority, industry (company card, else the posting's words) and required skill (an
application counts once for each catalogue skill its posting requires).

Verdict accuracy judges the verdict *given at decision time*: the snapshot frozen when the
application entered Applied, never the fit stored now (docs/intel.md). Every move inside
the app passes Applied; an application imported or created further along has no decision
snapshot and is not judged (a later snapshot, e.g. on entering Rejected, knows the outcome).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel

FUNNEL: tuple[str, ...] = ("saved", "applied", "screening", "interview", "offer", "accepted")
STAGE_OF_STATE: dict[str, int] = {
    "SAVED": 0,
    "APPLYING": 0,
    "APPLIED": 1,
    "SCREENING": 2,
    "PHONE_INTERVIEW": 3,
    "TECHNICAL_INTERVIEW": 3,
    "ONSITE_INTERVIEW": 3,
    "FINAL_INTERVIEW": 3,
    "OFFER_RECEIVED": 4,
    "NEGOTIATING": 4,
    "ACCEPTED": 5,
}
DIMENSIONS: tuple[str, ...] = (
    "source",
    "company",
    "role",
    "location",
    "remote",
    "seniority",
    "industry",
    "skill",
)
MULTI_VALUED = frozenset({"skill"})  # one application, several values
DECISION_STATE = "APPLIED"  # the verdict judged is the one frozen on entering it
PATTERN_MIN = 3  # applications needed before a value is reported as a pattern


class AppFacts(BaseModel):
    id: int
    state: str
    states: list[tuple[str, datetime]]  # (state entered, when), log order
    attrs: dict[str, str]  # the single-valued dimensions
    skills: list[str] = []  # the required catalogue skills (names)
    verdict: str = ""

    def values(self, dim: str) -> list[str]:
        """This application's value(s) for ``dim`` ("(not set)" when it has none)."""
        if dim == "skill":
            return list(dict.fromkeys(self.skills)) or ["(not set)"]
        return [self.attrs.get(dim) or "(not set)"]

    @property
    def stage(self) -> int:
        """The furthest funnel stage reached (0 saved … 5 accepted)."""
        return max(
            [
                STAGE_OF_STATE.get(s, 1 if s in ("REJECTED", "GHOSTED") else 0)
                for s, _ in self.states
            ]
            + [STAGE_OF_STATE.get(self.state, 0)]
        )

    @property
    def applied(self) -> bool:
        return self.stage >= 1 or any(s in ("REJECTED", "GHOSTED") for s, _ in self.states)

    @property
    def success(self) -> bool | None:
        """Reached an interview or better: True; rejected/ghosted before that: False."""
        if self.stage >= 3:
            return True
        if self.state in ("REJECTED", "GHOSTED"):
            return False
        return None  # still open, or withdrawn: no outcome


class FunnelStage(BaseModel):
    stage: str
    count: int
    conversion: float | None  # share of the previous stage that got here


class BreakdownRow(BaseModel):
    value: str
    total: int
    applied: int
    interviews: int
    offers: int

    @property
    def interview_rate(self) -> float:
        return self.interviews / self.applied if self.applied else 0.0


class Snapshot(BaseModel):
    """A frozen verdict (the fields analytics reads)."""

    state: str
    verdict: str
    components: dict[str, float] = {}
    backfilled: bool = False
    taken_at: datetime


class Judged(BaseModel):
    """Which verdicts the accuracy judged: of the applications with an outcome, how many had
    a frozen verdict from decision time, how many of those were back-filled, how many had
    none (left out), and how many had no verdict (no recognised skill; left out)."""

    outcomes: int
    judged: int
    backfilled: int
    no_snapshot: int
    no_verdict: int


class Accuracy(BaseModel):
    n: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float | None
    recall: float | None
    f1: float | None


def funnel(apps: Sequence[AppFacts]) -> list[FunnelStage]:
    counts = [0] * len(FUNNEL)
    for a in apps:
        top = max(a.stage, 1 if a.applied else 0)
        for i in range(top + 1):
            counts[i] += 1
    out = []
    for i, name in enumerate(FUNNEL):
        conv = None if i == 0 else (counts[i] / counts[i - 1] if counts[i - 1] else None)
        out.append(FunnelStage(stage=name, count=counts[i], conversion=conv))
    return out


def time_in_stage(apps: Sequence[AppFacts], now: datetime) -> dict[str, float]:
    """Median days spent in each state that was left again (finished stays only)."""
    spans: dict[str, list[float]] = defaultdict(list)
    for a in apps:
        for (state, start), (_nxt, end) in zip(a.states, a.states[1:], strict=False):
            spans[state].append(max(0.0, (end - start).total_seconds() / 86400))
    return {s: round(statistics.median(v), 1) for s, v in spans.items() if v}


def breakdowns(apps: Sequence[AppFacts]) -> dict[str, list[BreakdownRow]]:
    out: dict[str, list[BreakdownRow]] = {}
    for dim in DIMENSIONS:
        groups: dict[str, list[AppFacts]] = defaultdict(list)
        for a in apps:
            for value in a.values(dim):
                groups[value].append(a)
        rows = [
            BreakdownRow(
                value=value,
                total=len(items),
                applied=sum(1 for a in items if a.applied),
                interviews=sum(1 for a in items if a.stage >= 3),
                offers=sum(1 for a in items if a.stage >= 4),
            )
            for value, items in groups.items()
        ]
        out[dim] = sorted(rows, key=lambda r: (-r.total, r.value))
    return out


def patterns(apps: Sequence[AppFacts]) -> list[str]:
    """Values whose interview rate differs most from the overall rate, with the numbers."""
    applied = [a for a in apps if a.applied]
    if not applied:
        return []
    overall = sum(1 for a in applied if a.stage >= 3) / len(applied)
    found: list[tuple[float, str]] = []
    for dim, rows in breakdowns(apps).items():
        for r in rows:
            if r.applied < PATTERN_MIN or r.value == "(not set)":
                continue
            rate = r.interview_rate
            diff = rate - overall
            if abs(diff) < 0.15:
                continue
            word = "more" if diff > 0 else "less"
            found.append(
                (
                    abs(diff),
                    f"{dim.capitalize()} “{r.value}”: {r.interviews} of {r.applied} applications "
                    f"reached an interview ({rate:.0%}), {word} than your {overall:.0%} overall.",
                )
            )
    return [text for _, text in sorted(found, key=lambda t: -t[0])[:8]]


def accuracy(pairs: Sequence[tuple[str, bool]]) -> Accuracy:
    """Precision/recall/F1 of "Apply now" as a prediction of reaching an interview.

    ``pairs`` are (verdict when applied, success); "unknown" verdicts are left out.
    """
    tp = fp = fn = tn = 0
    for verdict, success in pairs:
        if verdict in ("", "unknown"):
            continue
        predicted = verdict == "apply_now"
        if predicted and success:
            tp += 1
        elif predicted:
            fp += 1
        elif success:
            fn += 1
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else None
    )
    return Accuracy(
        n=tp + fp + fn + tn, tp=tp, fp=fp, fn=fn, tn=tn, precision=precision, recall=recall, f1=f1
    )


def decision_snapshot(snapshots: Sequence[Snapshot]) -> Snapshot | None:
    """The verdict given at decision time: the first snapshot taken on entering Applied
    (oldest first by ``taken_at``); None when there is none."""
    ordered = sorted(snapshots, key=lambda x: x.taken_at)
    return next((x for x in ordered if x.state == DECISION_STATE), None)


def judge(
    outcomes: Sequence[tuple[int, bool]], snapshots: dict[int, list[Snapshot]]
) -> tuple[Judged, list[tuple[str, bool]]]:
    """The (decision verdict, success) pairs to judge and the counts behind them."""
    pairs: list[tuple[str, bool]] = []
    backfilled = none = unknown = 0
    for app_id, success in outcomes:
        snap = decision_snapshot(snapshots.get(app_id, []))
        if snap is None:
            none += 1
        elif snap.verdict in ("", "unknown"):
            unknown += 1
        else:
            pairs.append((snap.verdict, success))
            backfilled += snap.backfilled
    judged = Judged(
        outcomes=len(outcomes),
        judged=len(pairs),
        backfilled=backfilled,
        no_snapshot=none,
        no_verdict=unknown,
    )
    return judged, pairs


def judged_text(j: Judged) -> str:
    """Which verdicts were judged: the ones frozen when applying (docs/intel.md)."""
    text = (
        f"Judged {j.judged} of {j.outcomes} outcome(s) by the verdict given when applying"
        + (
            f" ({j.backfilled} back-filled from the fit stored before snapshots)"
            if j.backfilled
            else ""
        )
        + "."
    )
    left = []
    if j.no_snapshot:
        left.append(f"{j.no_snapshot} had no verdict frozen when applying")
    if j.no_verdict:
        left.append(f"{j.no_verdict} had no verdict (no recognised skill)")
    return text + (f" Left out: {'; '.join(left)}." if left else "")
