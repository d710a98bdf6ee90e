"""Render the app icon set from the SVG sources in ``resources/icons/``.

    python packaging/render_icons.py

Writes ``stickability-<size>.png`` for every size in ``SIZES`` (16 and 24 from the simplified
``stickability-small.svg``, the rest from ``stickability.svg``), ``stickability.ico`` (Windows,
all sizes up to 256) and ``stickability.icns`` (macOS). Uses Qt's SVG renderer, so it needs
nothing beyond the app's own dependencies (Pillow, a reportlab dependency, packs .ico/.icns).
Run it after editing either SVG and commit the results.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL = {16, 24}


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    written = []
    for size in SIZES:
        source = ICONS / ("stickability-small.svg" if size in SMALL else "stickability.svg")
        out = ICONS / f"stickability-{size}.png"
        if not render(source, size).save(str(out), "PNG"):
            raise SystemExit(f"could not write {out}")
        written.append(out)
    from PIL import Image
    images = {s: Image.open(ICONS / f"stickability-{s}.png").convert("RGBA") for s in SIZES}
    # .ico: Pillow writes one entry per size from the largest image unless each is appended.
    ico_sizes = [s for s in SIZES if s <= 256]
    images[256].save(ICONS / "stickability.ico", format="ICO",
                     sizes=[(s, s) for s in ico_sizes],
                     append_images=[images[s] for s in ico_sizes if s != 256])
    images[512].save(ICONS / "stickability.icns", format="ICNS",
                     append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    written += [ICONS / "stickability.ico", ICONS / "stickability.icns"]
    for path in written:
        print(f"{path.relative_to(ICONS.parent.parent)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
