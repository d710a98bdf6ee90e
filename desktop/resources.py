"""Where the app's read-only resources (icons, help, translations, fonts) are, in a source
checkout and in a PyInstaller bundle alike. No Qt here."""
from __future__ import annotations

import sys
from pathlib import Path


class ResourcesMissing(FileNotFoundError):
    """The installation is incomplete."""


def resources_dir() -> Path:
    """``resources/`` beside the ``desktop`` package, or inside the bundle."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise ResourcesMissing("The app's resources folder is missing; reinstall Stickability.")


def resource(*parts: str) -> Path:
    """A file or folder under ``resources/``; ``ResourcesMissing`` if it is not there."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise ResourcesMissing(f"{'/'.join(parts)} is missing from the app's resources; "
                               "reinstall Stickability.")
    return path


def icon_file(size: int | None = None) -> Path:
    """The app icon: the SVG, or the PNG of the given pixel size."""
    return resource("icons", "stickability.svg" if size is None else f"stickability-{size}.png")
