"""Pipeline checks: the lifecycle and its history, a CSV import, a lossless JSON round trip."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.pipeline.history import replay
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import InvalidTransitionError, State
from careerdesk.selftest import Check, SelfTestContext

SAMPLE_CSV = (
    "Company,Job Title,Date Applied,Status,Salary\n"
    '"Acme, Inc.",Data Analyst,3 Mar 2026,Phone screen,"£45,000 - £55,000"\n'
    "Zürich Versicherung,Aktuar,2026-03-04,Applied,CHF 120'000\n"
)


def _lifecycle(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    svc = app.service(ApplicationService)
    pid = app.profiles.create("Self-test pipeline").id
    ctx.state["pipeline_profile"] = pid
    a = svc.create(pid, {"company": "Self-test Ltd", "title": "Analyst"})
    for target in (State.APPLIED, State.SCREENING, State.PHONE_INTERVIEW):
        svc.move(a.id, target)
    try:
        svc.move(a.id, State.SAVED)
        raise AssertionError("a refused move was accepted")
    except InvalidTransitionError:
        pass
    detail = svc.get(a.id)
    if replay(detail.events) != detail.state:
        raise AssertionError("the history does not replay to the stored state")
    return f"{len(detail.events)} events replay to {detail.state.label}"


def _import_export(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    transfer = app.service(PipelineTransfer)
    pid: int = ctx.state["pipeline_profile"]
    csv_path = ctx.home / "selftest.csv"
    csv_path.write_text(SAMPLE_CSV, encoding="utf-8")
    report = transfer.import_csv(pid, csv_path)
    json_path = ctx.home / "selftest.json"
    transfer.export_json(pid, json_path)
    copy = app.profiles.create("Self-test pipeline copy").id
    transfer.import_json(copy, json_path)
    a, b = transfer.json_document(pid), transfer.json_document(copy)
    if a["applications"] != b["applications"]:
        raise AssertionError("the JSON round trip changed the pipeline")
    return f"imported {report.imported} CSV rows; JSON round trip of {a['count']} identical"


CHECKS = [
    Check("pipeline lifecycle and history", _lifecycle, order=50),
    Check("pipeline import and export", _import_export, order=51),
]
