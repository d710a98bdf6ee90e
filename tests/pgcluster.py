"""A throwaway PostgreSQL cluster for the tests and the benchmarks.

``initdb`` in a fresh temporary folder, the server listening on a Unix socket in that folder
only (no TCP port, no system service, nothing in /etc), stopped and removed at the end. The
binaries come from Debian's ``postgresql`` package (``scripts/test`` installs it when missing);
PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres`` system user
that package creates.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


def find_bindir() -> Path | None:
    candidates = []
    for name in ("pg_config",):
        exe = shutil.which(name)
        if exe:
            try:
                out = subprocess.run([exe, "--bindir"], capture_output=True, text=True,
                                     timeout=10).stdout.strip()
                candidates.append(Path(out))
            except (OSError, subprocess.SubprocessError):
                pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                           key=lambda p: int(p.split("/")[-2])
                                           if p.split("/")[-2].isdigit() else 0, reverse=True)]
    for exe in ("initdb",):
        found = shutil.which(exe)
        if found:
            candidates.append(Path(os.path.realpath(found)).parent)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists() and (c / "postgres").exists():
            return c
    return None


class Cluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="stickability-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = 5432
        self.log = self.root / "server.log"
        self._as = None
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' system user "
                                   "to run the server as") from None
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str, timeout: int = 120) -> None:
        cmd = [*(self._as or []), *args]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if res.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {res.stderr.strip()[-800:]}")

    def start(self, *, tcp_port: int | None = None, extra_opts: str = "",
              hba: str | None = None, files: dict[str, bytes] | None = None) -> "Cluster":
        """Start the server. ``tcp_port``: also listen on 127.0.0.1 (TLS tests); ``hba``:
        the pg_hba.conf to use; ``files``: written into the data folder (certificates), owned
        by the server's user, mode 0600."""
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions")
        for name, data in {**(files or {}), **({"pg_hba.conf": hba.encode()} if hba else {})
                           }.items():
            path = self.data / name
            path.write_bytes(data)
            path.chmod(0o600)
            if self._as:
                pw = pwd.getpwnam("postgres")
                os.chown(path, pw.pw_uid, pw.pw_gid)
        if tcp_port:
            self.port = tcp_port
        listen = "127.0.0.1" if tcp_port else ""
        opts = (f"-k {self.socket_dir} -c listen_addresses='{listen}' -p {self.port} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                f"-c max_connections=200 -c shared_buffers=64MB {extra_opts}")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", opts, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop", timeout=60)
        except (RuntimeError, OSError, subprocess.SubprocessError):
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def admin(self):
        import psycopg
        return psycopg.connect(self.url(), autocommit=True)

    def new_database(self, template: str | None = None, prefix: str = "t") -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with self.admin() as con:
            con.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template
                                                     else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = dbname(url)
        try:
            with self.admin() as con:
                con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except Exception:   # noqa: BLE001 - a leftover database goes with the cluster
            pass


def dbname(url: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(url).path.lstrip("/")


def start_cluster() -> Cluster:
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (Debian: apt-get install "
                                "postgresql; ./scripts/test installs it when run as root)")
    return Cluster(bindir).start()
