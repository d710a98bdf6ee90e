"""The Windows executable's version resource (Properties → Details), from the one version:
``desktop/__init__.py`` ``__version__``. Used by ``stickability.spec``; the installer script
reads the same numbers back from the built executable."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def app_version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M).group(1)


def numbers(version: str) -> tuple[int, int, int, int]:
    parts = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple(parts + [0] * (4 - len(parts)))          # type: ignore[return-value]


def version_file_text(version: str | None = None) -> str:
    """PyInstaller's version-file format (what ``pyi-grab_version`` prints): Python syntax that
    PyInstaller evaluates on Windows. Plain text here, so it is built and checked anywhere."""
    version = version or app_version()
    nums = numbers(version)
    strings = [
        ("CompanyName", "Stickability project"),
        ("FileDescription", "Stickability"),
        ("FileVersion", version),
        ("InternalName", "stickability"),
        ("LegalCopyright", "Stickability project; see THIRD-PARTY-LICENCES.txt"),
        ("OriginalFilename", "stickability.exe"),
        ("ProductName", "Stickability"),
        ("ProductVersion", version),
    ]
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080904B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])])
  ]
)
"""


def write_version_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "file_version_info.txt"
    path.write_text(version_file_text(), encoding="utf-8")
    return path
