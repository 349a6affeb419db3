"""The app's media prober through the real QtMultimedia (FFmpeg) backend, offscreen.

Expected lengths are written from how each clip was made: the shipped samples are
``seconds × 15`` frames at 15 fps (tools/make_sample_clips.py: 8, 10 and 8 s), the generated
ones ``round(seconds × fps)`` frames at ``fps``; the tolerance is one frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from careerdesk.core.player.probe import MediaInfo
from careerdesk.core.player.samples import sample_media_dir
from careerdesk.integrations.media_qt import QtMediaProber
from tests.media import make_clip, make_corrupt

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "seconds", "title"),
    [
        ("01 Welcome to CareerDesk.mp4", 8.0, "Welcome to CareerDesk"),
        ("02 Reading a job posting.mp4", 10.0, "Reading a job posting"),
        ("03 Practising for interviews.mp4", 8.0, "Practising for interviews"),
    ],
)
def test_the_shipped_sample_clips(name: str, seconds: float, title: str) -> None:
    info = QtMediaProber().probe(sample_media_dir() / name)
    assert info.readable is True and info.error is None
    assert info.duration_s == pytest.approx(seconds, abs=1 / 15)
    assert info.title == title


def test_a_generated_clip_with_a_title(tmp_path: Path) -> None:
    # 30 frames at 12 fps: 2.5 s
    clip = make_clip(tmp_path / "x.mp4", 2.5, fps=12, size=(32, 32), title="  Pivot   tables ")
    info = QtMediaProber().probe(clip)
    assert info.readable is True
    assert info.duration_s == pytest.approx(2.5, abs=1 / 12)
    assert info.title == "Pivot tables"  # whitespace collapsed
    untitled = QtMediaProber().probe(make_clip(tmp_path / "y.mp4", 1.0, fps=10, size=(16, 16)))
    assert (untitled.readable, untitled.title) == (True, None)
    assert untitled.duration_s == pytest.approx(1.0, abs=1 / 10)


def _truncated(source: Path, target: Path, keep: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target


def test_unreadable_files_are_named_and_never_raise(tmp_path: Path) -> None:
    prober = QtMediaProber()
    garbage = prober.probe(make_corrupt(tmp_path / "garbage.mp4"))
    assert garbage.readable is False and garbage.error is not None
    assert garbage.error.startswith("garbage.mp4 cannot be played: it is damaged")
    # A copy cut short: PyAV writes the header last, so 60 % of the file has none.
    clip = make_clip(tmp_path / "whole.mp4", 2.0, fps=10, size=(32, 32))
    cut = prober.probe(_truncated(clip, tmp_path / "cut.mp4", 0.6))
    assert cut.readable is False and cut.error is not None
    assert cut.error.startswith("cut.mp4 cannot be played")
    missing = prober.probe(tmp_path / "gone.mp4")
    assert missing == MediaInfo(
        readable=False, error=f"gone.mp4 cannot be found at {tmp_path / 'gone.mp4'}."
    )


def test_a_header_without_pictures_is_unreadable(tmp_path: Path) -> None:
    # The header first ("faststart"), then the file ends a few bytes into the pictures: the
    # length is known but no picture can be decoded — within the timeout or at the end.
    path = tmp_path / "fast.mp4"
    with av.open(str(path), "w", options={"movflags": "faststart"}) as c:
        stream = c.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(20):
            img = np.full((32, 32, 3), i * 10, np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(packet)
        for packet in stream.encode():
            c.mux(packet)
    data = path.read_bytes()
    cut = tmp_path / "header only.mp4"
    cut.write_bytes(data[: data.index(b"mdat") + 12])
    info = QtMediaProber(timeout_s=2).probe(cut)
    assert info.readable is False and info.error is not None
    assert info.error.startswith("header only.mp4 ")
    assert info.duration_s == pytest.approx(2.0, abs=1 / 10)


def test_sound_without_pictures_is_not_a_video(tmp_path: Path) -> None:
    path = tmp_path / "talk.mp4"
    with av.open(str(path), "w") as c:
        stream = c.add_stream("aac", rate=44100, layout="mono")
        for i in range(44):  # 44 × 1024 samples: about a second
            frame = av.AudioFrame.from_ndarray(
                np.zeros((1, 1024), np.float32), format="fltp", layout="mono"
            )
            frame.sample_rate, frame.pts = 44100, i * 1024
            for packet in stream.encode(frame):
                c.mux(packet)
        for packet in stream.encode():
            c.mux(packet)
    info = QtMediaProber().probe(path)
    assert info == MediaInfo(
        readable=False,
        duration_s=info.duration_s,
        error="talk.mp4 holds no video picture (sound only?).",
    )


def test_a_task_runner_thread_gets_the_same_answer(tmp_path: Path) -> None:
    # The GUI probes from the task runner's QThreadPool workers, never on the GUI thread.
    clip = make_clip(tmp_path / "t.mp4", 1.5, fps=10, size=(16, 16), title="Statistics")
    bad = make_corrupt(tmp_path / "bad.mp4")
    prober = QtMediaProber()
    answers: dict[str, MediaInfo] = {}
    pool = QThreadPool()
    pool.start(lambda: answers.update(good=prober.probe(clip), bad=prober.probe(bad)))
    assert pool.waitForDone(60_000)
    assert answers["good"] == prober.probe(clip)
    assert answers["good"].readable is True and answers["good"].title == "Statistics"
    assert answers["bad"].readable is False


PROBE_SCRIPT = """
import json, sys
from pathlib import Path
from careerdesk.integrations.media_qt import QtMediaProber
p = QtMediaProber()
print(json.dumps([p.probe(Path(a)).model_dump() for a in sys.argv[1:]]))
"""


def test_without_any_qt_application_or_display(tmp_path: Path) -> None:
    # The CLI's case: no QApplication, no display, no platform plugin named; the prober
    # makes a QCoreApplication and keeps Qt's and FFmpeg's chatter off the console.
    clip = make_clip(tmp_path / "ok.mp4", 2.0, fps=10, size=(16, 16), title="Excel basics")
    bad = make_corrupt(tmp_path / "bad.mp4")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_LOGGING_RULES")
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE_SCRIPT, str(clip), str(bad)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    good, broken = json.loads(done.stdout)
    assert (good["readable"], good["title"]) == (True, "Excel basics")
    assert good["duration_s"] == pytest.approx(2.0, abs=1 / 10)
    assert broken["readable"] is False
    assert broken["error"].startswith("bad.mp4 cannot be played")
    assert "qt.multimedia" not in done.stderr and "@ 0x" not in done.stderr, done.stderr


def test_listing_packs_and_videos_loads_no_qt(tmp_path: Path) -> None:
    # The prober is built with the pack and library services; Qt loads at the first probe.
    script = (
        "import sys\n"
        "from careerdesk.app import build_app\n"
        "from careerdesk.core.packs.service import PackService\n"
        "from careerdesk.core.player.library import ContentLibraryService\n"
        "app = build_app()\n"
        "assert app.service(PackService).list_packs() == []\n"
        "pid = app.profiles.create('Ann').id\n"
        "assert app.service(ContentLibraryService).playlist(pid) == []\n"
        "app.close(backup=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "CAREERDESK_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
