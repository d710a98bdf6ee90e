"""THIRD-PARTY-LICENCES.txt, generated from what is installed, with the full licence texts.

    python packaging/third_party.py > resources/THIRD-PARTY-LICENCES.txt     # the source tree
    python packaging/third_party.py --bundle dist/stickability > FILE        # + native libraries

Sections: Python itself; every Python distribution the app needs at run time on this platform
(the closure of ``stickability``'s requirements, markers evaluated, extras left out) with the
licence files its wheel ships (or the standard text for its SPDX id from
``packaging/licence-texts/`` when it ships none, as PySide6 does); the fonts in
``resources/fonts``; the Rust crates compiled into pyrage (rage and its dependencies); and with
``--bundle``, every native library inside the bundle: those that came in a wheel are named with
their distribution, those PyInstaller copied from the build machine with their Debian package
and its ``/usr/share/doc/<package>/copyright`` file. ``stickability.spec`` writes the bundle's
copy; ``tests/packaging/test_resources.py`` keeps the source tree's copy in step.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "packaging" / "licence-texts"
FONTS = ROOT / "resources" / "fonts"
LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice|authors|build_licenses)[^/]*$", re.I)
RULE = "=" * 78

# The Rust crates inside pyrage's extension module come from the wheel's own software bill of
# materials (``pyrage-*.dist-info/sboms/pyrage.cyclonedx.json``, written by cargo-cyclonedx when
# the wheel was built): every crate, its version and its declared licence.


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[metadata.Distribution]:
    """What ``pyproject.toml``'s dependencies need at run time here (markers evaluated, no
    extras), as installed."""
    import tomllib

    from packaging.requirements import Requirement
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    seen: dict[str, metadata.Distribution] = {}
    todo = [(Requirement(r).name, Requirement(r).extras) for r in project["dependencies"]]
    while todo:
        raw, extras = todo.pop()
        name = _canon(raw)
        dist = seen.get(name)
        if dist is None:
            try:
                dist = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                continue
            seen[name] = dist
            extras = set(extras) | {""}
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not any(req.marker.evaluate({"extra": e})
                                                  for e in extras or {""}):
                continue
            if _canon(req.name) not in seen:
                todo.append((req.name, req.extras))
    return sorted(seen.values(), key=lambda d: _canon(d.metadata["Name"]))


def licence_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 100:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return "; ".join(classifiers) or "see the licence text below"


def licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    out = []
    for f in dist.files or []:
        path = str(f)
        if ".dist-info/" not in path or not (".dist-info/licenses/" in path
                                              or LICENCE_FILE.search(path)):
            continue
        try:
            out.append((path.split(".dist-info/", 1)[1], f.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return sorted(out)


def standard_texts(expression: str) -> list[tuple[str, str]]:
    out = []
    for spdx in re.findall(r"[A-Za-z0-9.+-]+", expression):
        spdx = spdx.replace("-only", "").replace("-or-later", "")
        path = TEXTS / f"{spdx}.txt"
        if path.exists() and all(spdx not in n for n, _ in out):
            out.append((f"{spdx} (standard text)", path.read_text(encoding="utf-8")))
    return out


def _block(title: str, body: str) -> str:
    return f"{title}\n{'-' * len(title)}\n{body.rstrip()}\n"


def python_section() -> str:
    stdlib = Path(sysconfig.get_path("stdlib"))
    licence = stdlib / "LICENSE.txt"
    text = licence.read_text(encoding="utf-8") if licence.exists() else \
        "PSF License Agreement: https://docs.python.org/3/license.html"
    version = ".".join(map(str, sys.version_info[:2]))
    return _block(f"Python {version} (PSF-2.0)", text)


def distribution_section(dist: metadata.Distribution) -> str:
    name, version = dist.metadata["Name"], dist.version
    lic = licence_name(dist)
    home = dist.metadata.get("Home-page") or next(
        (u.split(", ", 1)[-1] for u in dist.metadata.get_all("Project-URL") or []), "")
    files = licence_files(dist) or standard_texts(lic)
    if _canon(name) in ("pyside6-essentials", "shiboken6"):
        files = standard_texts("LGPL-3.0 GPL-3.0")
    parts = [f"{name} {version}", f"Licence: {lic}"] + ([f"Home: {home}"] if home else [])
    body = "\n".join(parts) + "\n\n" + "\n\n".join(
        f"[{fname}]\n{text.rstrip()}" for fname, text in files)
    return _block(f"{name} {version}", body)


def fonts_section() -> str:
    parts = []
    for path in sorted(FONTS.glob("LICENSE-*.txt")):
        parts.append(f"[{path.name}]\n{path.read_text(encoding='utf-8').rstrip()}")
    return _block("Fonts in resources/fonts (DejaVu Sans, Droid Sans Fallback)", "\n\n".join(parts))


def rage_crates() -> list[tuple[str, str, str]]:
    """(crate, version, licence expression) of every crate pyrage's wheel was built from (its
    CycloneDX SBOM; development-only crates, scope "excluded", left out), sorted by name."""
    import json
    dist = metadata.distribution("pyrage")
    sbom = next((f for f in dist.files or () if str(f).endswith(".cyclonedx.json")), None)
    if sbom is None:
        raise SystemExit("pyrage's wheel carries no SBOM: cannot list the Rust crates inside it")
    doc = json.loads(dist.locate_file(sbom).read_text(encoding="utf-8"))
    out = []
    for c in doc.get("components", []):
        if c.get("scope") == "excluded":
            continue
        licences = [lic.get("expression") or lic.get("license", {}).get("id")
                    or lic.get("license", {}).get("name") or "" for lic in c.get("licenses", [])]
        licence = " AND ".join(x for x in licences if x) or "Unknown"
        out.append((c["name"], c.get("version", ""), licence))
    return sorted(out)


def rage_section() -> str:
    crates = rage_crates()
    by_licence: dict[str, list[str]] = {}
    for name, version, licence in crates:
        by_licence.setdefault(licence, []).append(f"{name} {version}")
    lines = [f"pyrage's extension module is built from rage (the age encryption library, by "
             f"str4d and contributors) and the {len(crates)} Rust crates below, as listed with "
             f"their declared licences in the SBOM inside pyrage's wheel (crates used only to "
             f"build it, such as procedural macros, are included: the SBOM does not tell them "
             f"apart). Where a crate offers a choice, it is used under MIT or Apache-2.0. The "
             f"MIT text is pyrage's above, the Apache-2.0 text is cryptography's, and "
             f"BSD-3-Clause is in Babel's text with the names of the dalek-cryptography "
             f"authors. Unicode-DFS-2016 and the LLVM exception concern build-time crates "
             f"(unicode-ident, target-lexicon). \"Unknown\": the crate gives its licence as a "
             f"file rather than by name (tinystr, from the ICU4X project: the Unicode "
             f"licence)."]
    for licence in sorted(by_licence, key=lambda k: (-len(by_licence[k]), k)):
        names = by_licence[licence]
        lines.append(f"\n{licence} ({len(names)}):")
        line = " "
        for item in names:                      # whole "crate version" items per line
            if len(line) + len(item) + 2 > 78:
                lines.append(line.rstrip())
                line = " "
            line += f" {item},"
        lines.append(line.rstrip(","))
    return _block("Rust crates inside pyrage", "\n".join(lines))


# ----------------------------------------------------------------------------- native libraries
def _owner_of(lib: Path, bundle: Path, dists, by_name: dict | None = None) -> str | None:
    """The Python distribution whose wheel brought ``lib`` in (a file of that name in the
    wheel, or its folder in the bundle)."""
    if by_name and lib.name in by_name:
        d = by_name[lib.name]
        return f"{d.metadata['Name']} {d.version}"
    rel = lib.relative_to(bundle).as_posix()
    for d in dists:
        for top in (d.read_text("top_level.txt") or "").split():
            if f"/{top}/" in f"/{rel}" or rel.startswith(f"_internal/{top}") or \
                    f"/{top}." in f"/{rel}":
                return f"{d.metadata['Name']} {d.version}"
    if "pypdfium" in rel or "libpdfium" in rel:
        return "pypdfium2 (PDFium)"
    return None


def _debian_package(name: str) -> tuple[str, str] | None:
    """(package, copyright text) of a host library file called ``name``."""
    try:
        found = subprocess.run(["dpkg", "-S", f"*/{name}"], capture_output=True, text=True,
                               timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in found.stdout.splitlines():
        package = line.split(":", 1)[0].split(",")[0].strip()
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.exists():
            return package, copyright_file.read_text(encoding="utf-8", errors="replace")
    return None


def native_section(bundle: Path) -> str:
    dists = runtime_distributions()
    by_name = {Path(str(f)).name: d for d in dists for f in (d.files or [])
               if re.search(r"\.(so|dll|dylib|pyd)(\.[0-9.]+)?$", str(f))}
    libs = sorted(p for p in bundle.rglob("*") if p.is_file() and (
        re.search(r"\.so(\.\d+)*$", p.name) or p.suffix.lower() in (".dll", ".dylib", ".pyd")))
    from_wheels: dict[str, list[str]] = {}
    from_host: dict[str, tuple[list[str], str]] = {}
    unknown: list[str] = []
    for lib in libs:
        owner = _owner_of(lib, bundle, dists, by_name)
        if owner is None and (lib.name.startswith("python") or lib.name.startswith("libpython")
                              or "lib-dynload" in lib.as_posix()):
            owner = "Python"
        if owner is not None:
            from_wheels.setdefault(owner, []).append(lib.name)
            continue
        deb = _debian_package(lib.name)
        if deb is None:
            unknown.append(lib.name)
        else:
            names, text = from_host.setdefault(deb[0], ([], deb[1]))
            names.append(lib.name)
    out = ["Every native library in this bundle and where it came from.", ""]
    for owner, names in sorted(from_wheels.items()):
        out.append(f"{owner} (licence above): {', '.join(sorted(set(names)))}")
    for package, (names, text) in sorted(from_host.items()):
        out += ["", f"[Debian package {package}: {', '.join(sorted(set(names)))}]",
                text.rstrip()]
    if unknown:
        out += ["", "Libraries whose origin could not be traced: " + ", ".join(sorted(unknown))]
    return _block("Native libraries in the bundle", "\n".join(out))


def notices(bundle: Path | None = None) -> str:
    sections = [python_section()]
    sections += [distribution_section(d) for d in runtime_distributions()]
    sections += [fonts_section(), rage_section()]
    if bundle is not None:
        sections.append(native_section(bundle))
    head = ("Stickability: third-party components and their licences\n"
            "Generated by packaging/third_party.py from the installed packages.\n"
            "Qt and PySide6 are used under the LGPL-3.0, as separate, unmodified shared "
            "libraries that you may replace with your own builds of the same version; their "
            "source is at https://download.qt.io/ and https://code.qt.io/.\n")
    return f"{head}\n{RULE}\n" + f"\n{RULE}\n".join(sections)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="a built bundle folder to scan")
    parser.add_argument("--out", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    text = notices(args.bundle)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
