"""The application icon as a ``QIcon`` (every rendered size, plus the SVG for anything else)."""
from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop.resources import ResourcesMissing, icon_file

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Empty icon (never an exception) if the resources are missing: the app still runs."""
    icon = QIcon()
    for size in SIZES:
        try:
            icon.addFile(str(icon_file(size)))
        except ResourcesMissing:
            continue
    try:
        icon.addFile(str(icon_file()))
    except ResourcesMissing:
        pass
    return icon
