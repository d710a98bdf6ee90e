"""How well the duplicate-people rules do on a synthetic caseload with planted duplicates:
``python -m bench.duplicates [--people 1000 5000] [--share 0.05] [--seed 7]``.

Prints, per caseload size: pairs flagged, how many are real (planted), precision, recall, the
planted variants missed and the reasons of the false alarms. The synthetic names come from a
small pool (25 given × 20 family names for most people), so same-name strangers are far more
common than in a real caseload: read the precision as a floor.
"""
from __future__ import annotations

import argparse
import time

from desktop.synthetic.duplicates import caseload_with_duplicates, measure


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.duplicates")
    p.add_argument("--people", type=int, nargs="+", default=[1000, 5000])
    p.add_argument("--share", type=float, default=0.05, help="share of people planted twice")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    for n in args.people:
        t0 = time.perf_counter()
        planted = caseload_with_duplicates(n, args.share, args.seed)
        m = measure(planted)
        took = time.perf_counter() - t0
        print(f"{m.people:,} records ({m.planted} planted duplicates): flagged {m.flagged}, "
              f"real {m.real}; precision {m.precision:.2f}, recall {m.recall:.2f} "
              f"({took:.1f} s)")
        for what, k in m.missed.most_common(6):
            print(f"    missed {k}: {what}")
        for why, k in m.false_reasons.most_common(6):
            print(f"    false alarm {k}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
