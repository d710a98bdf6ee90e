"""The benchmark functions run (tiny sizes, nothing timed or compared here)."""
from dataclasses import replace

from bench import common, run, store_bench


def test_engine_comparison_and_table_on_tiny_sizes(tmp_path):
    sizes = replace(common.QUICK, ratio_attempts=60, ratio_chronology=30, ratio_tx=10)
    common.note_load()
    figures = store_bench.bench_engines(sizes, tmp_path, log=lambda *_: None)
    assert len(figures) == 2 and all(f.value and f.value > 0 for f in figures)
    assert all(f.verdict in ("PASS", "MISS", "PASS (cpu)") for f in figures)
    text = run.render(figures, [], ([], []), sizes, 1.0)
    assert "SQLCipher / SQLite" in text and "target" in text
