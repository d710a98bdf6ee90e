"""The shared report framework: marking, pages, fonts, password, atomic write, lazy import."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.domain.contact import ContactOutcome
from desktop.domain.person import Person
from desktop.reports import KINDS, build_report, make_report
from desktop.reports.base import ReportError

SINCE, UNTIL = date(2026, 5, 1), date(2026, 6, 30)
MARKING = "OFFICIAL-SENSITIVE"

WORLD_NAME = "Ærøskøbing Đặng Thị Ngọc 王秀英 Προκόπης Ольга"


def test_every_kind_builds_for_a_person_with_no_records(store, person, tmp_path, pdf):
    for kind in KINDS:
        out = build_report(store, kind, person.id, tmp_path / f"{kind}.pdf")
        text = pdf.check(out, person.name)
        assert "None recorded." in text or "No contact attempts" in text, kind
        assert "End of report" in text


def test_metadata_names_the_report_person_and_author(store, case, tmp_path):
    out = build_report(store, "spoc", case.id, tmp_path / "r.pdf", since=SINCE, until=UNTIL)
    meta = PdfReader(str(out)).metadata
    assert meta.title == f"SPOC between-meeting report \u2014 {case.display_name}"
    assert meta.author == "Sam Outreach (Community Nursing)"
    assert MARKING in meta.subject and "1 May 2026 to 30 Jun 2026" in meta.subject


def test_header_shows_period_and_generated_by(store, case, tmp_path, pdf):
    out = build_report(store, "spoc", case.id, tmp_path / "r.pdf", since=SINCE, until=UNTIL)
    first = pdf.squash(pdf.pages_text(out)[0])
    assert "Period: 1 May 2026 to 30 Jun 2026" in first
    assert "by Sam Outreach (Community Nursing)" in first


def test_non_latin_name_survives(store, tmp_path, pdf):
    p = store.people.add(Person(name=WORLD_NAME))
    store.attempts.log(p.id, __import__("desktop.domain.contact", fromlist=["x"]).ContactMethod.PHONE,
                       ContactOutcome.NO_ANSWER, "Говорит: 好的")
    for kind in ("spoc", "chronology"):
        out = build_report(store, kind, p.id, tmp_path / f"{kind}.pdf")
        text = pdf.check(out, WORLD_NAME)
        if kind == "spoc":
            assert "Говорит: 好的" in text


def test_the_cjk_characters_use_the_embedded_fallback_font(store, tmp_path):
    p = store.people.add(Person(name=WORLD_NAME))
    out = build_report(store, "spoc", p.id, tmp_path / "r.pdf")
    fonts = set()
    for page in PdfReader(str(out)).pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("DroidSansFallback" in f for f in fonts) and any("DejaVuSans" in f for f in fonts)


def test_user_text_is_escaped_not_read_as_markup(store, case, tmp_path, pdf):
    out = build_report(store, "spoc", case.id, tmp_path / "r.pdf", since=SINCE, until=UNTIL)
    assert "Refused at the door <b>& filmed</b>" in pdf.check(out, case.name)


def test_password_protected_pdf_needs_the_password(store, case, tmp_path, pdf):
    out = build_report(store, "spoc", case.id, tmp_path / "r.pdf", since=SINCE, until=UNTIL,
                       password="s3cret pass")
    reader = PdfReader(str(out))
    assert reader.is_encrypted
    with pytest.raises(Exception):
        reader.pages[0].extract_text()
    assert not PdfReader(str(out)).decrypt("wrong")
    assert reader.decrypt("s3cret pass")
    assert pdf.INSIDE in pdf.check(out, case.name, password="s3cret pass")
    assert b"Delacroix" not in out.read_bytes()          # nothing readable in the file
    assert b"/AESV3" in out.read_bytes() and b"/R 6" in out.read_bytes()   # AES-256


def test_pdf_is_private_to_the_user(store, case, tmp_path):
    out = build_report(store, "chronology", case.id, tmp_path / "r.pdf")
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_failed_build_leaves_the_old_file_and_no_temp_files(store, case, tmp_path,
                                                              monkeypatch):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"previous report")
    from reportlab.platypus import BaseDocTemplate

    def boom(*a, **k):
        raise RuntimeError("disk gone")
    monkeypatch.setattr(BaseDocTemplate, "build", boom)
    with pytest.raises(RuntimeError):
        build_report(store, "spoc", case.id, target)
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"] or \
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r.pdf")) == []


def test_bad_requests_raise_report_errors(store, person, tmp_path):
    with pytest.raises(ReportError, match="No person"):
        build_report(store, "spoc", "no-such-id", tmp_path / "r.pdf")
    with pytest.raises(ReportError, match="Unknown report"):
        build_report(store, "nonsense", person.id, tmp_path / "r.pdf")
    with pytest.raises(ReportError, match="does not exist"):
        build_report(store, "spoc", person.id, tmp_path / "missing" / "r.pdf")
    with pytest.raises(ReportError, match="swap the dates"):
        build_report(store, "spoc", person.id, tmp_path / "r.pdf", since=UNTIL, until=SINCE)
    assert not (tmp_path / "r.pdf").exists()


def test_progress_is_reported_in_order(store, case, tmp_path):
    seen = []
    make_report(store, "spoc", case.id, tmp_path / "r.pdf", progress=lambda f, t: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_reports_import_lazily():
    """Importing the reports package (and the CLI) does not load reportlab."""
    code = ("import sys, desktop.reports, desktop.cli; desktop.cli.build_parser(); "
            "print('reportlab' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False", out.stderr
