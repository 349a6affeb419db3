"""Generate the short sample clips shipped in careerdesk/resources/media (offline demo).

Each clip opens with a title card, then shows a moving pattern (scrolling stripes, a bouncing
ball, a running clock and a progress bar) so playback, seeking and resuming are visible.
H.264 in MP4 at 320x180, 15 fps, constant quality: three clips stay well under 300 KB in
total. The output is deterministic (single-threaded encoder), so re-running the script does
not churn the repository. Needs PyAV, Pillow and NumPy (the test extras):

    python tools/make_sample_clips.py            # writes careerdesk/resources/media/
    python tools/make_sample_clips.py --out DIR  # somewhere else
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, FPS = 320, 180, 15
TITLE_SECONDS = 1.5
BUDGET_BYTES = 300_000
OUT = Path(__file__).resolve().parents[1] / "careerdesk" / "resources" / "media"


@dataclass(frozen=True)
class Clip:
    file: str
    title: str
    subtitle: str
    seconds: int
    colour: tuple[int, int, int]  # background
    accent: tuple[int, int, int]


CLIPS = (
    Clip(
        "01 Welcome to CareerDesk.mp4",
        "Welcome to CareerDesk",
        "Sample clip 1 of 3",
        8,
        (24, 52, 92),
        (255, 196, 0),
    ),
    Clip(
        "02 Reading a job posting.mp4",
        "Reading a job posting",
        "Sample clip 2 of 3",
        10,
        (22, 78, 60),
        (120, 220, 255),
    ),
    Clip(
        "03 Practising for interviews.mp4",
        "Practising for interviews",
        "Sample clip 3 of 3",
        8,
        (86, 32, 70),
        (140, 255, 150),
    ),
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled default font: the same on every machine, so output is reproducible.
    return ImageFont.load_default(size=size)


def _title_card(clip: Clip) -> np.ndarray:
    img = Image.new("RGB", (WIDTH, HEIGHT), clip.colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill=clip.accent)
    draw.text((WIDTH / 2, 72), clip.title, font=_font(22), fill="white", anchor="mm")
    draw.text((WIDTH / 2, 104), clip.subtitle, font=_font(13), fill=clip.accent, anchor="mm")
    draw.text(
        (WIDTH / 2, 150), "CareerDesk sample clips", font=_font(11), fill="#c8c8c8", anchor="mm"
    )
    return np.asarray(img)


def _pattern(clip: Clip, index: int, total: int) -> np.ndarray:
    t = index / FPS
    img = Image.new("RGB", (WIDTH, HEIGHT), clip.colour)
    draw = ImageDraw.Draw(img)
    # Diagonal stripes scrolling left to right.
    shade = tuple(min(255, c + 22) for c in clip.colour)
    offset = int(t * 40) % 40
    for x in range(-HEIGHT - 40, WIDTH + 40, 40):
        x0 = x + offset
        draw.polygon(
            [(x0, 0), (x0 + 16, 0), (x0 + 16 - HEIGHT, HEIGHT), (x0 - HEIGHT, HEIGHT)], fill=shade
        )
    # A ball bouncing across the frame.
    bx = 30 + (WIDTH - 60) * (0.5 + 0.5 * math.sin(t * 1.3))
    by = 40 + (HEIGHT - 100) * abs(math.sin(t * 2.1))
    draw.ellipse((bx - 14, by - 14, bx + 14, by + 14), fill=clip.accent)
    # A clock and the clip title, so a resumed position is easy to check by eye.
    draw.rounded_rectangle((8, 8, 118, 34), radius=6, fill=(0, 0, 0))
    draw.text(
        (14, 21),
        f"{int(t) // 60}:{int(t) % 60:02d}.{int(t * 10) % 10}",
        font=_font(16),
        fill="white",
        anchor="lm",
    )
    draw.text((WIDTH - 10, 21), clip.title, font=_font(11), fill="white", anchor="rm")
    # Progress bar along the bottom.
    draw.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill=(0, 0, 0))
    draw.rectangle((0, HEIGHT - 8, int(WIDTH * (index + 1) / total), HEIGHT), fill=clip.accent)
    return np.asarray(img)


def encode(clip: Clip, path: Path) -> float:
    """Write one clip; returns its duration in seconds."""
    total = clip.seconds * FPS
    title_frames = int(TITLE_SECONDS * FPS)
    card = _title_card(clip)
    with av.open(str(path), "w", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.options = {"crf": "30", "preset": "veryslow", "threads": "1", "g": str(FPS * 2)}
        container.metadata["title"] = clip.title
        for i in range(total):
            rgb = card if i < title_frames else _pattern(clip, i, total)
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return total / FPS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for clip in CLIPS:
        path = out / clip.file
        duration = encode(clip, path)
        manifest.append({"file": clip.file, "title": clip.title, "duration_s": duration})
        print(f"{path.name}: {duration:.1f} s, {path.stat().st_size / 1024:.1f} KB")
    (out / "clips.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    total = sum((out / c.file).stat().st_size for c in CLIPS)
    print(f"total {total / 1024:.1f} KB (budget {BUDGET_BYTES / 1000:.0f} KB)")
    if total > BUDGET_BYTES:
        print("over budget: lower the quality (raise crf) or shorten the clips")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
