"""The hub over a real TCP connection: TLS with ``sslmode=verify-full`` and a SCRAM password.

A second throwaway cluster listens on 127.0.0.1 with a certificate signed by a test CA;
pg_hba.conf accepts only TLS with SCRAM (plain TCP is rejected). A coordinator's password
comes from a password file (never the address). Checked: the store opens and works over it;
verify-full refuses a server whose certificate names another host or comes from another CA;
a wrong password is refused with the server's message; the stored password is a SCRAM
verifier, not the password."""
from __future__ import annotations

import datetime as dt
import ipaddress
import socket

import pytest

from desktop.domain.person import Person
from desktop.store.store import Store
from tests.conftest import PASSPHRASE

PASSWORD = "correct horse battery staple"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ca_and_server(names: list[str]):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    now = dt.datetime.now(dt.timezone.utc)

    def pem_key(k):
        return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Stickability test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    sans = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n)
            for n in names]
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return (ca.public_bytes(serialization.Encoding.PEM),
            cert.public_bytes(serialization.Encoding.PEM), pem_key(key))


@pytest.fixture(scope="module")
def tls_hub(tmp_path_factory, pg_cluster):
    """(cluster, port, ca_file, other_ca_file) for a TLS-only SCRAM server."""
    from tests.pgcluster import Cluster
    ca, cert, key = _ca_and_server(["localhost", "127.0.0.1"])
    other_ca, _, _ = _ca_and_server(["localhost"])
    hba = ("local all all trust\n"
           "hostssl all all 127.0.0.1/32 scram-sha-256\n"
           "host all all 127.0.0.1/32 reject\n")
    port = _free_port()
    cluster = Cluster(pg_cluster.bindir)
    try:
        cluster.start(tcp_port=port, hba=hba, files={"server.crt": cert, "server.key": key},
                      extra_opts="-c ssl=on -c password_encryption=scram-sha-256")
    except RuntimeError as exc:
        cluster.stop()
        pytest.skip(f"could not start a TLS PostgreSQL server: {exc}")
    folder = tmp_path_factory.mktemp("tls")
    (folder / "ca.pem").write_bytes(ca)
    (folder / "other-ca.pem").write_bytes(other_ca)
    yield cluster, port, folder / "ca.pem", folder / "other-ca.pem"
    cluster.stop()


def _cli(*args):
    import contextlib
    import io
    import json

    from desktop.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--json", *map(str, args)])
    return code, (json.loads(out.getvalue()) if code == 0 and out.getvalue().strip() else None), \
        err.getvalue()


def test_verify_full_and_scram_end_to_end(tls_hub, tmp_path, monkeypatch):
    cluster, port, ca, other_ca = tls_hub
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    admin_url = cluster.new_database(prefix="tls")          # over the socket, as superuser
    from tests.pgcluster import dbname
    name = dbname(admin_url)
    code, _, err = _cli("hub", "init", "--url", admin_url)
    assert code == 0, err
    code, _, err = _cli("--store", admin_url, "init", "--role", "lead", "--worker", "Lee Admin",
                        "--agency", "Social Work Team")
    assert code == 0, err
    monkeypatch.setenv("STICKABILITY_HUB_PASSWORD", PASSWORD)
    code, _, err = _cli("hub", "add-worker", "--url", admin_url, "--user", "kirsty",
                        "--name", "Kirsty Brown", "--role", "coordinator")
    assert code == 0, err
    with cluster.admin() as con:
        verifier = con.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'kirsty'"
                               ).fetchone()[0]
    assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"localhost:{port}:{name}:kirsty:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    url = (f"postgresql://kirsty@localhost:{port}/{name}"
           f"?sslmode=verify-full&sslrootcert={ca}")

    s = Store.unlock(url, PASSPHRASE)
    try:
        pid = s.people.add(Person(name="Morag Delacroix-Baird")).id
        assert s.people.require(pid).name == "Morag Delacroix-Baird"
        ssl_in_use = s.db.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                                  ).fetchone()[0]
        assert ssl_in_use is True
        assert s.actor == "Kirsty Brown"                  # the audit actor is the login
    finally:
        s.lock()

    code, data, err = _cli("--store", url, "person", "list")
    assert code == 0, err
    assert [p["name"] for p in data["people"]] == ["Morag Delacroix-Baird"]

    # the certificate does not name this host: verify-full refuses before any password goes
    wrong_host = url.replace("localhost", "127.0.0.2")
    with pytest.raises(Exception) as refused:
        Store.unlock(wrong_host, PASSPHRASE)
    assert PASSWORD not in str(refused.value)
    # another CA: refused
    with pytest.raises(Exception) as refused:
        Store.unlock(url.replace(str(ca), str(other_ca)), PASSPHRASE)
    assert "ssl error" in str(refused.value).lower() or "certificate" in str(refused.value).lower()
    # TLS off: the server's pg_hba.conf rejects it
    with pytest.raises(Exception) as refused:
        Store.unlock(f"postgresql://kirsty@localhost:{port}/{name}?sslmode=disable", PASSPHRASE)
    assert "pg_hba.conf" in str(refused.value) or "reject" in str(refused.value).lower()
    # a wrong password: refused by SCRAM, and the message says so without the password
    pgpass.write_text(f"localhost:{port}:{name}:kirsty:not the password\n")
    with pytest.raises(Exception) as refused:      # a new pool: the process pools by address
        Store.unlock(url + "&application_name=stickability-retry", PASSPHRASE)
    assert "password authentication failed" in str(refused.value)
    assert "not the password" not in str(refused.value)
