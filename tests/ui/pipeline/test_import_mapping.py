"""The import's mapping step: guesses filled in, statuses mapped, choices remembered per
file shape and used for the next file with the same columns."""

from __future__ import annotations

from pathlib import Path

from careerdesk.core.pipeline.io.columns import shape_key
from careerdesk.ui.pipeline import transfer as transfer_ui

TRACKER14 = Path(__file__).parents[2] / "core" / "pipeline" / "trackers" / "tracker14.csv"
GUESSED = {
    "date": "applied_on",
    "company": "company",
    "sector": "industry",
    "role": "title",
    "role_type": "employment_type",
    "channel": "source",
    "status": "state",
    "contact_person": "contact_name",
    "fit_rating": "keep",
    "notes": "notes",
    "cv_file": "resume",
    "cover_letter_file": "cover_letter",
    "source": "posting_url",
    "last_updated": "updated_at",
}
STATUSES = {
    "Interviewing": "PHONE_INTERVIEW",
    "Draft": "SAVED",
    "Rejected": "REJECTED",
    "Offer": "OFFER_RECEIVED",
    "Declined": "WITHDRAWN",
    "No response": "GHOSTED",
    "Applied": "APPLIED",
}


def test_mapping_step_guesses_maps_statuses_and_remembers(
    tab, svc, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tracker.csv"
    path.write_bytes(TRACKER14.read_bytes())
    seen: list[transfer_ui.ImportDialog] = []
    reports: list[str] = []

    def first(self) -> bool:  # type: ignore[no-untyped-def]
        seen.append(self)
        header = [self.columns.item(r, 0).text() for r in range(self.columns.rowCount())]
        assert dict(zip(header, self.mapping().values(), strict=True)) == GUESSED
        assert self.columns.item(1, 1).text().startswith("Monzo · Octopus Energy · BBC")
        shown = {t: c.currentData() for t, c in self.status_combos.items()}
        assert shown == STATUSES
        assert "Every status in the file has a state" in self.status_hint.text()
        # The learner's choices: interviews there were technical ones; drop the rating.
        combo = self.status_combos["Interviewing"]
        combo.setCurrentIndex(combo.findData("TECHNICAL_INTERVIEW"))
        rating = self.combos[header.index("fit_rating")]
        rating.setCurrentIndex(rating.findData("ignore"))
        self._dedupe_mapping(header.index("fit_rating"))
        assert self.grid.horizontalHeaderItem(8).text() == "fit_rating\n→ ignored"
        return True

    monkeypatch.setattr(transfer_ui.ImportDialog, "exec", first)
    monkeypatch.setattr(
        transfer_ui.ReportDialog, "exec", lambda self: reports.append(self.text.toPlainText())
    )
    tab.import_applications(path)
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    assert "Imported 7 of 7" in reports[0]
    rows = {r.company: r for r in svc.list(ui_ctx.profile_id)}
    monzo = svc.get(rows["Monzo"].id)
    assert monzo.state == "TECHNICAL_INTERVIEW"
    assert [n.note for n in monzo.events if n.kind == "note"] == [
        "Imported fields (tracker.csv, line 2):\nsector: Fintech\nrole_type: Full-time"
    ]
    saved = ui_ctx.settings.imports.mappings[shape_key(seen[0].table.header)]
    assert saved["columns"]["fit_rating"] == "ignore"
    assert saved["statuses"]["Interviewing"] == "TECHNICAL_INTERVIEW"

    # Next month's export from the same tracker: the same columns, the choices come back.
    later = tmp_path / "tracker-march.csv"
    lines = TRACKER14.read_text(encoding="utf-8").splitlines()
    later.write_text(
        "\n".join([lines[0], lines[1].replace("Monzo", "Wise")]) + "\n", encoding="utf-8"
    )

    def second(self) -> bool:  # type: ignore[no-untyped-def]
        seen.append(self)
        assert self.mapping()[8] == "ignore"
        assert self.status_combos["Interviewing"].currentData() == "TECHNICAL_INTERVIEW"
        return True

    monkeypatch.setattr(transfer_ui.ImportDialog, "exec", second)
    tab.import_applications(later)
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=10_000)
    assert len(seen) == 2
    wise = next(r for r in svc.list(ui_ctx.profile_id) if r.company == "Wise")
    assert wise.state == "TECHNICAL_INTERVIEW"
