"""pyrage (what the app uses) against the reference ``age`` tool, both directions: a package the
app writes opens with ``age -d -i key``, and a package sealed by ``age -r`` imports."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile

import pyrage
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from desktop.domain.person import Person
from desktop.sync import age_identity_text, export_packages, identity, import_paths
from desktop.sync.identity import unb64, verify
from tests.sync.helpers import enrol_pair, log_attempts, make_store

pytestmark = pytest.mark.skipif(shutil.which("age") is None,
                                reason="the age tool is not installed (apt-get install age)")
INTEROP = settings(max_examples=25, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    ident = x25519.Identity.generate()
    path = tmp_path_factory.mktemp("age") / "key.txt"
    path.write_text(f"{ident}\n")
    path.chmod(0o600)
    return ident, str(ident.to_public()), path


def _age(*args, data: bytes) -> bytes:
    done = subprocess.run(["age", *args], input=data, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_pyrage_to_age_and_back(keys, figures):
    ident, recipient, key_file = keys
    seen = {"n": 0, "bytes": 0}

    @INTEROP
    @given(plain=st.one_of(st.binary(max_size=2000), st.builds(   # across 64 KiB age chunks
        lambda n, b: bytes([b]) * n, st.integers(65_000, 200_000), st.integers(0, 255))))
    @example(plain=b"")
    @example(plain=b"\x00" * 65536)
    def case(plain):
        sealed = pyrage.encrypt(plain, [x25519.Recipient.from_str(recipient)])
        assert _age("-d", "-i", str(key_file), data=sealed) == plain
        by_age = _age("-r", recipient, data=plain)
        assert pyrage.decrypt(by_age, [ident]) == plain
        seen["n"] += 1
        seen["bytes"] += len(plain)

    case()
    figures(f"age interop: {seen['n']} plaintexts ({seen['bytes']} bytes) pyrage→age and "
            "age→pyrage, all identical")


def test_a_real_package_opens_with_age_and_an_age_sealed_one_imports(tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    try:
        enrol_pair(lead, field, tmp_path)
        p = field.people.add(Person(name="Interop Person"))
        log_attempts(field, p.id, 2)
        (pkg,) = export_packages(field, tmp_path / "box").packages
        key_file = tmp_path / "agency-key.txt"
        key_file.write_text(age_identity_text(lead))
        plain = _age("-d", "-i", str(key_file), data=pkg.read_bytes())
        with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
            members = {m.name: tar.extractfile(m).read() for m in tar}
        assert list(members) == ["manifest.json", "changes.jsonl", "signature"]
        manifest = json.loads(members["manifest.json"])
        assert manifest["format"] == "stickability-sync/1" and manifest["sequence"] == 1
        sig = unb64(members["signature"].decode().strip())
        assert verify(identity(field).signing_public, sig, members["manifest.json"])
        # The same archive sealed by the age tool is a valid package for the lead agency.
        resealed = tmp_path / "by-age" / pkg.name
        resealed.parent.mkdir()
        resealed.write_bytes(_age("-r", identity(lead).age_recipient, data=plain))
        summary = import_paths(lead, [resealed])
        assert summary.imported == 1, summary.text()
        assert len(lead.attempts.timeline(p.id)) == 2
    finally:
        lead.lock()
        field.lock()
