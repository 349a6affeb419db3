"""Screenshots of posting capture and company cards (docs/screenshots/postings-*.png).

Run from the repository root: ``python tools/postings_screenshots.py``. Uses a throwaway
CAREERDESK_HOME and Qt offscreen, so the user's data is never touched. The research
screenshot fetches the GitHub languages from the loopback fake used by the tests (so its
numbers are the fake's, not GitHub's) and shows no AI summary.
"""

from __future__ import annotations

import os

import _shots

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = _shots.ROOT
OUT = ROOT / "docs" / "screenshots"

POSTING = """Junior Data Engineer at Octopus Energy
Manchester (hybrid)

Octopus Energy is a renewable energy supplier on a mission to drive the green revolution.
We're looking for a Junior Data Engineer to join our Kraken data team.

What you'll need
- Python and SQL
- Some experience with Airflow or another scheduler
- AWS (S3, Redshift)
- Git and code review

Nice to have
- dbt
- Docker and Kubernetes
- Statistics

Salary: £38,000 - £45,000 per annum
Closing date: 19 December
https://octopus.energy/careers/junior-data-engineer
"""


def main() -> int:
    home = _shots.throwaway_home("careerdesk-shots-")
    os.environ.pop("GEMINI_API_KEY", None)
    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app
    from careerdesk.ui.companies import open_card
    from tests.fakes.github_server import FakeGitHub

    qapp = QApplication.instance() or QApplication([])
    app = build_app()
    _profile, ctx, window = _shots.demo_window(app, None, reset=False)
    window.resize(1500, 900)
    window.show()
    ctx.window = window
    tab = window.show_tab("pipeline")

    def settle() -> None:
        for _ in range(4):
            ctx.runner.wait_idle(10)
            qapp.processEvents()

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = OUT / f"postings-{name}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT))

    OUT.mkdir(parents=True, exist_ok=True)
    settle()
    tab.capture.read_text(POSTING)
    for _ in range(50):
        settle()
        if tab.capture.last_dialog is not None:
            break
    dialog = tab.capture.last_dialog
    dialog.resize(1250, 760)
    save(dialog, "review")
    dialog.reject()
    settle()

    card = open_card(ctx, "Monzo")
    card.resize(1100, 760)
    for _ in range(20):
        settle()
        if card.card is not None:
            break
    save(card, "company-card")
    with FakeGitHub() as fake:
        langs = [("Go", False)] * 41 + [("Python", False)] * 9 + [("TypeScript", False)] * 6
        fake.add_org("monzo", langs + [("Swift", False)] * 3 + [("Kotlin", False)] * 2)
        os.environ["CAREERDESK_GITHUB_BASE_URL"] = fake.base_url
        card.github_button.click()
        for _ in range(50):
            settle()
            if card.card is not None and card.card.github is not None:
                break
    save(card, "company-card-github")
    card._loaded_fields = None
    card.close()
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
