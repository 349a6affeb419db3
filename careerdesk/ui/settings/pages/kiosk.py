"""Settings → Advisor and kiosk: advisor tools, kiosk mode, idle timeout, the advisor PIN.

In kiosk mode only the advisor reaches the settings (the menus are advisor-only).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kiosk.service import ADVISOR_PIN_MIN, KioskService
from careerdesk.ui.kiosk.pin_pad import PinDialog
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext


class KioskPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        settings = ctx.app.settings.kiosk
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Kiosk mode is for a shared computer in a careers centre: full screen, a learner "
            "picker, each learner sees only their own data, and leaving needs the advisor PIN. "
            "Flag thresholds for the cohort are in the Advisor tab."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.advisor_tools = QCheckBox("Show advisor tools (the Advisor tab) on this computer")
        self.advisor_tools.setAccessibleName("Show advisor tools")
        self.advisor_tools.setToolTip(
            "For careers advisors: the cohort view with its flags. In kiosk mode the Advisor "
            "tab appears once the advisor signs in, whatever this says."
        )
        self.advisor_tools.setChecked(ctx.app.settings.advisor.show_tools)
        self.advisor_tools.toggled.connect(
            lambda on: setattr(self.ctx.app.settings.advisor, "show_tools", on)
        )
        form.addRow(self.advisor_tools)
        self.enabled = QCheckBox("Start CareerDesk in kiosk mode on this computer")
        self.enabled.setChecked(settings.enabled)
        self.enabled.toggled.connect(self._set_enabled)
        form.addRow(self.enabled)
        self.idle = QDoubleSpinBox()
        self.idle.setRange(0.5, 240)
        self.idle.setDecimals(1)
        self.idle.setSingleStep(1)
        self.idle.setSuffix(" minutes")
        self.idle.setValue(settings.idle_minutes)
        self.idle.valueChanged.connect(self._set_idle)
        form.addRow("Sign a learner out after", self.idle)
        self.require_pin = QCheckBox("Learners need a PIN to create or open their profile")
        self.require_pin.setChecked(settings.require_learner_pin)
        self.require_pin.toggled.connect(
            lambda on: setattr(self.ctx.app.settings.kiosk, "require_learner_pin", on)
        )
        form.addRow(self.require_pin)
        self.usb = QCheckBox(
            "Show USB sticks in learners' file choosers (and let exports go there)"
        )
        self.usb.setChecked(settings.allow_removable_media)
        self.usb.toggled.connect(
            lambda on: setattr(self.ctx.app.settings.kiosk, "allow_removable_media", on)
        )
        form.addRow(self.usb)
        links = QLabel(
            "Links, documents and e-mails never leave a kiosk: learners see the address and a "
            "QR code to take it with them. Opening chosen websites inside CareerDesk would need "
            "an embedded browser, which this build does not include, so there are no allowed "
            "sites to choose."
        )
        links.setWordWrap(True)
        form.addRow("Links:", links)
        self.pin_status = QLabel()
        form.addRow("Advisor PIN:", self.pin_status)
        self.change_pin = QPushButton("Change advisor PIN…")
        self.change_pin.clicked.connect(self.change_advisor_pin)
        form.addRow("", self.change_pin)
        layout.addLayout(form)
        layout.addStretch(1)
        self._refresh_pin()

    def _set_enabled(self, on: bool) -> None:
        self.ctx.app.settings.kiosk.enabled = on

    def _set_idle(self, minutes: float) -> None:
        self.ctx.app.settings.kiosk.idle_minutes = minutes

    def _refresh_pin(self) -> None:
        is_set = self.ctx.service(KioskService).advisor_pin_set()
        self.pin_status.setText("Set" if is_set else "Not set yet (asked on the first kiosk start)")
        self.change_pin.setText("Change advisor PIN…" if is_set else "Set advisor PIN…")

    def change_advisor_pin(self) -> None:
        kiosk = self.ctx.service(KioskService)
        current = None
        if kiosk.advisor_pin_set():
            check = PinDialog(
                "Change advisor PIN",
                "Enter the current advisor PIN.",
                runner=self.ctx.runner,
                checker=kiosk.check_advisor_pin,
                parent=self,
            )
            if not check.exec():
                return
            current = check.pin
        new = PinDialog(
            "Change advisor PIN",
            f"Choose the new advisor PIN ({ADVISOR_PIN_MIN}–12 digits).",
            new_pin_min_len=ADVISOR_PIN_MIN,
            parent=self,
        )
        if not new.exec() or not new.pin:
            return
        pin = new.pin

        def changed(_result: object) -> None:
            self._refresh_pin()
            self.ctx.status("Advisor PIN changed.")

        self.ctx.runner.run(
            lambda _s: kiosk.set_advisor_pin(pin, current=current),
            name="advisor-pin",
            write=True,
            on_success=changed,
        )


PAGE = SettingsPage(title="Advisor and kiosk", order=80, factory=KioskPage)
