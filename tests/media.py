"""Small video clips made with PyAV at test time (no binary test fixtures in the repo)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np


def make_clip(
    path: Path,
    seconds: float = 6.0,
    *,
    fps: int = 15,
    size: tuple[int, int] = (96, 64),
    title: str | None = None,
) -> Path:
    """An H.264 MP4 of ``seconds`` with a box moving across, so every frame differs;
    ``title`` goes into the container's title metadata."""
    width, height = size
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = round(seconds * fps)
    with av.open(str(path), "w") as container:
        if title is not None:
            container.metadata["title"] = title
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "35", "preset": "ultrafast", "threads": "1"}
        for i in range(frames):
            img = np.full((height, width, 3), (30, 60, 110), np.uint8)
            x = int(i / max(1, frames - 1) * (width - 16))
            img[height // 3 : height // 3 + 16, x : x + 16] = (250, 200, 0)
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def make_corrupt(path: Path) -> Path:
    """A file with a video name whose content is not a video."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4096)))
    return path
