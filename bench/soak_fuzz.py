"""Soak: 10,000 attacks on sync packages (the suite runs ~160: tests/reliability/test_sync_fuzz.py).

    PYTHONPATH=. .venv/bin/python bench/soak_fuzz.py [--cases 10000]

Split over the five campaigns of tests/reliability/fuzzcases.py: mutated files (25 %),
tampered / re-encrypted / re-signed members (25 %), arbitrary changes signed by the enrolled
sender (15 %), replays in any order (5 %), and hostile files (30 %: nested JSON, huge
integers, archive tricks, malicious content signed with the sender's real key). Prints the figures; exits 1 at the first failure
(hypothesis prints the failing case).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STICKABILITY_TEST_MODE", "1")   # the only mode that honours a fast KDF
os.environ.setdefault("STICKABILITY_KDF_LOG2N", "10")

from tests.reliability.crash import assert_store_sound  # noqa: E402
from tests.reliability.fuzzcases import CAMPAIGNS  # noqa: E402
from tests.reliability.syncfuzz import make_world  # noqa: E402

SHARE = {"bytes": 0.25, "members": 0.25, "signed": 0.15, "replay": 0.05, "hostile": 0.30}
CHUNK = 250


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--campaigns", default=",".join(CAMPAIGNS),
                    help="which campaigns, in this order (each still gets its share of "
                         "--cases), e.g. hostile,signed to finish a run cut short")
    args = ap.parse_args()
    chosen = [c.strip() for c in args.campaigns.split(",") if c.strip()]
    base = Path(tempfile.mkdtemp(prefix="stickability-fuzz-"))
    started, total = time.monotonic(), Counter()
    try:
        for name in chosen:
            campaign = CAMPAIGNS[name]
            n = max(1, round(args.cases * SHARE[name]))
            tally = Counter()
            t0 = time.monotonic()
            # A fresh pair of stores every CHUNK cases: the sender-signed campaign fills the
            # quarantine, which every applying import retries.
            for part, start in enumerate(range(0, n, CHUNK)):
                world = make_world(base / f"{name}-{part}")
                try:
                    campaign(world, min(CHUNK, n - start), tally)
                    assert_store_sound(world.lead)
                finally:
                    world.lead.lock()
                    world.field.lock()
                if name == "signed":
                    tally["signed: quarantined (all parts)"] += tally.pop(
                        "signed: changes quarantined", 0)
            total.update(tally)
            shown = {k: v for k, v in tally.items() if not k.startswith("reason: ")}
            reasons = sum(1 for k in tally if k.startswith("reason: "))
            print(f"{name}: {n} cases in {time.monotonic() - t0:.0f} s: {dict(shown)}"
                  + (f"; {reasons} distinct rejection reasons" if reasons else ""), flush=True)
    except Exception:
        traceback.print_exc()
        print(f"FAILED (worlds kept in {base})", file=sys.stderr)
        return 1
    shutil.rmtree(base, ignore_errors=True)
    rejected = sum(v for k, v in total.items() if k.endswith(": rejected"))
    ran = sum(max(1, round(args.cases * SHARE[name])) for name in chosen)
    print(f"soak_fuzz: {ran} cases ({', '.join(chosen)}); {rejected} attacked packages rejected with a reason "
          f"and nothing applied; {total['signed: packages imported']} sender-signed packages "
          f"imported whole ({total['signed: changes applied']} changes applied, "
          f"{total['signed: quarantined (all parts)']} quarantined); {total['replay: orders']} "
          f"replay orders, each package once; {total['hostile: cases']} hostile files "
          f"(nested, huge numbers, archive tricks, signed-malicious): "
          f"{total['hostile: partial applies']} partial applies; no crash, in "
          f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
