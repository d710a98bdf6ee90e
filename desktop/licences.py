"""The main third-party components, for the About box. No Qt here.

The complete list with every licence text is ``resources/THIRD-PARTY-LICENCES.txt``, generated
from what is installed by ``packaging/third_party.py`` (the bundle build writes the bundle's own
copy, which also lists every native library inside it). ``tests/packaging/test_resources.py``
checks that every runtime package is named in both.
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
    Component("pypdf", "password-protected (AES-256) PDFs", "BSD-3-Clause",
              "https://github.com/py-pdf/pypdf"),
    Component("rl-accel", "ReportLab's C accelerators", "BSD-3-Clause",
              "https://pypi.org/project/rl-accel/"),
    Component("cffi, pycparser", "C bindings used by cryptography", "MIT-0; BSD-3-Clause",
              "https://github.com/python-cffi/cffi"),
    Component("PDFium (pypdfium2)", "printing reports", "Apache-2.0 / BSD-3-Clause",
              "https://github.com/pypdfium2-team/pypdfium2"),
    Component("zxcvbn", "passphrase strength", "MIT", "https://github.com/dwolfhub/zxcvbn-python"),
    Component("holidays, python-dateutil, six", "UK bank holidays for working days",
              "MIT; Apache-2.0 or BSD-3-Clause; MIT", "https://github.com/vacanza/holidays"),
    Component("Babel", "translations and dates in reports", "BSD-3-Clause",
              "https://babel.pocoo.org/"),
    Component("rage and its Rust crates (inside pyrage)", "age encryption",
              "MIT or Apache-2.0; BSD-3-Clause (dalek)", "https://github.com/str4d/rage"),
)

LGPL_NOTE = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3. They are shipped as "
    "separate shared libraries in the application folder, unmodified; you may replace them with "
    "your own builds of the same version. Their source is available from "
    "https://download.qt.io/ and https://code.qt.io/.")
