"""Screenshots of File → Import's mapping step and of an imported application's timeline
(docs/screenshots/pipeline-import-*.png), from the 14-column tracker export in the tests.

Run from the repository root: ``python tools/import_screenshots.py``. Uses a throwaway
CAREERDESK_HOME, so the user's data is never touched.
"""

from __future__ import annotations

import os
from pathlib import Path

import _shots

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = _shots.ROOT
OUT = ROOT / "docs" / "screenshots"
EXPORT = ROOT / "tests" / "core" / "pipeline" / "trackers" / "tracker14.csv"
SIZES = ((1440, 900, ""), (1024, 700, "-small"))


def main() -> int:
    home = _shots.throwaway_home("careerdesk-shots-")
    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app
    from careerdesk.core.pipeline.io.service import PipelineTransfer
    from careerdesk.ui.pipeline.import_dialog import ImportDialog
    from careerdesk.ui.pipeline.transfer import _checker
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    qapp = QApplication.instance() or QApplication([])
    app = build_app()
    profile = app.profiles.create("Sam")
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.show()

    def settle() -> None:
        for _ in range(3):
            ctx.runner.wait_idle(10)
            qapp.processEvents()

    OUT.mkdir(parents=True, exist_ok=True)
    # A tracker export with one status word CareerDesk does not know, to show how it asks.
    path = Path(home) / "job-tracker-export.csv"
    path.write_text(
        EXPORT.read_text(encoding="utf-8").replace(",Applied,Anna", ",Awaiting HR,Anna"),
        encoding="utf-8",
    )
    transfer = ctx.service(PipelineTransfer)
    table = transfer.read_csv(path)
    mapping, notes = transfer.suggest_mapping(table)
    dialog = ImportDialog(
        table, path, mapping, notes, window, checker=_checker(ctx, transfer, table)
    )
    dialog.show()
    dialog.check_rows()
    for width, height, suffix in SIZES:
        dialog.resize(width, height)
        settle()
        out = OUT / f"pipeline-import-mapping{suffix}.png"
        dialog.grab().save(str(out))
        print(out.relative_to(ROOT))
    dialog.close()

    transfer.import_csv(profile.id, EXPORT)
    tab = window.show_tab("pipeline")
    settle()
    monzo = next(r for r in tab.store.all() if r.company == "Monzo")
    tab.open_detail(monzo.id)
    settle()
    tab.detail.tabs.setCurrentIndex(1)
    for width, height, suffix in SIZES:
        window.resize(width, height)
        settle()
        out = OUT / f"pipeline-import-timeline{suffix}.png"
        window.grab().save(str(out))
        print(out.relative_to(ROOT))
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
