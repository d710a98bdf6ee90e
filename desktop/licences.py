"""The third-party components a Stickability bundle carries, and their licences.

The About box lists these; ``resources/THIRD-PARTY-LICENCES.txt`` (shipped in every bundle and
installer) is generated from them: ``python -m desktop.licences > resources/THIRD-PARTY-LICENCES.txt``
(a test keeps the two in step). No Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str
    role: str
    licence: str
    url: str


COMPONENTS: tuple[Component, ...] = (
    Component("Qt 6 / Qt for Python (PySide6, Shiboken6)", "windows, widgets, accessibility",
              "LGPL-3.0 (also GPL-2.0/GPL-3.0; commercial)", "https://www.qt.io/licensing/"),
    Component("Python", "the language runtime", "PSF License 2.0",
              "https://docs.python.org/3/license.html"),
    Component("SQLCipher (community edition)", "the encrypted database", "BSD-3-Clause",
              "https://www.zetetic.net/sqlcipher/license/"),
    Component("SQLite", "the database engine inside SQLCipher", "Public domain",
              "https://sqlite.org/copyright.html"),
    Component("sqlcipher3", "Python binding for SQLCipher", "zlib",
              "https://github.com/coleifer/sqlcipher3"),
    Component("ReportLab", "PDF reports", "BSD-3-Clause", "https://www.reportlab.com/"),
    Component("Pillow", "images in reports", "MIT-CMU (HPND)",
              "https://github.com/python-pillow/Pillow"),
    Component("DejaVu fonts", "fonts embedded in reports",
              "Bitstream Vera / Arev font licence; DejaVu changes public domain",
              "https://dejavu-fonts.github.io/License.html"),
    Component("Droid Sans Fallback", "Chinese, Japanese and Korean in reports", "Apache-2.0",
              "https://www.apache.org/licenses/LICENSE-2.0"),
    Component("cryptography", "key wrapping and signatures",
              "Apache-2.0 or BSD-3-Clause", "https://github.com/pyca/cryptography"),
    Component("OpenSSL (inside cryptography)", "cryptographic primitives", "Apache-2.0",
              "https://www.openssl.org/source/license.html"),
    Component("pyrage / rage (age encryption)", "encrypted sync packages",
              "MIT (pyrage); MIT or Apache-2.0 (rage)", "https://github.com/woodruffw/pyrage"),
    Component("keyring", "\"remember on this device\"", "MIT",
              "https://github.com/jaraco/keyring"),
    Component("SecretStorage, jeepney (Linux)", "the desktop keychain on Linux",
              "BSD-3-Clause; MIT", "https://github.com/mitya57/secretstorage"),
    Component("platformdirs", "where the store lives", "MIT",
              "https://github.com/tox-dev/platformdirs"),
    Component("psycopg 3, psycopg_pool", "the lead agency's PostgreSQL hub", "LGPL-3.0",
              "https://github.com/psycopg/psycopg"),
    Component("libpq (inside psycopg-binary)", "the PostgreSQL client library",
              "PostgreSQL License", "https://www.postgresql.org/about/licence/"),
    Component("ICU", "text handling inside Qt", "Unicode License v3",
              "https://github.com/unicode-org/icu/blob/main/LICENSE"),
)

LGPL_NOTE = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3. They are shipped as "
    "separate shared libraries in the application folder, unmodified; you may replace them with "
    "your own builds of the same version. Their source is available from "
    "https://download.qt.io/ and https://code.qt.io/.")


def notices_text() -> str:
    """The plain-text notice file shipped as ``resources/THIRD-PARTY-LICENCES.txt``."""
    lines = ["Stickability: third-party components and their licences", "=" * 56, ""]
    for c in COMPONENTS:
        lines += [c.name, f"  used for: {c.role}", f"  licence:  {c.licence}", f"  {c.url}", ""]
    lines += [LGPL_NOTE, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(notices_text(), end="")
