"""``--self-test``: one line per step, exit 0 only when every step ran and passed."""
from __future__ import annotations

import importlib.util
import io
import tempfile
from pathlib import Path

import pytest

from desktop import selftest


def _built(name: str) -> bool:
    spec = importlib.util.find_spec(name)
    return spec is not None and spec.origin not in (None, "namespace")


def _run(steps, extra=()):
    out = io.StringIO()
    original = selftest.CORE_STEPS
    selftest.CORE_STEPS = steps
    try:
        code = selftest.run(list(extra), out)
    finally:
        selftest.CORE_STEPS = original
    return code, out.getvalue().splitlines()


def test_store_steps_pass_and_leave_nothing_behind(monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    code, lines = _run(selftest.CORE_STEPS[:2])
    assert code == 0, lines
    assert lines[0].startswith("Stickability ")
    assert "Create an encrypted store ... OK  SQLCipher 4." in lines[1]
    assert "person and a contact attempt ... OK" in lines[2]
    assert lines[-1].startswith("Self-test PASSED: 0 failed, 0 skipped")
    assert list(scratch.iterdir()) == []          # the temporary stores are gone


def test_a_failing_step_is_reported_and_the_rest_still_run():
    def broken(ctx):
        raise RuntimeError("disk on fire")
    seen = []
    code, lines = _run([("Broken", broken), ("After", lambda ctx: seen.append(1) or "fine")])
    assert code == 1
    assert any(line.strip().startswith("Broken ... FAIL  RuntimeError: disk on fire")
               for line in lines)
    assert any("After ... OK  fine" in line for line in lines)
    assert seen == [1]
    assert lines[-1].startswith("Self-test FAILED: 1 failed, 0 skipped")


def test_a_skipped_step_does_not_pass():
    def missing(ctx):
        raise selftest.Skipped("not built yet")
    code, lines = _run([("Missing", missing)])
    assert code == 1
    assert "Missing ... skipped  (not built yet)" in lines[1]
    assert lines[-1].startswith("Self-test FAILED: 0 failed, 1 skipped")


def test_qt_checks_pass(qapp):
    from desktop.ui.selfcheck import qt_steps
    code, lines = _run([], qt_steps())
    assert code == 0, lines
    assert "Draw the app icon ... OK" in "\n".join(lines)


def test_app_self_test_option_runs_every_step(qapp, capsys):
    """``stickability --self-test``: every step, nothing skipped, exit 0."""
    from desktop.app import main
    assert _built("desktop.sync") and _built("desktop.reports")
    code = main(["--self-test"])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "... skipped" not in text and "... FAIL" not in text
    for step in ("Create an encrypted store ... OK", "contact attempt ... OK",
                 "Export and import a sync package ... OK  1 package",
                 "imported exactly once", "Render a PDF report ... OK",
                 "Start Qt and find the platform plugin ... OK", "Draw the app icon ... OK",
                 "Load the translations ... OK", "Show every help topic ... OK  12 topics"):
        assert step in text, step
    assert text.splitlines()[-1].startswith("Self-test PASSED: 0 failed, 0 skipped")


def test_resources_are_found_from_the_source_tree():
    from desktop.resources import ResourcesMissing, icon_file, resource
    assert icon_file().name == "stickability.svg"
    assert icon_file(48).is_file()
    with pytest.raises(ResourcesMissing):
        resource("no", "such", "file")
    assert Path(__file__).resolve().parents[2] / "resources" == icon_file().parents[1]
