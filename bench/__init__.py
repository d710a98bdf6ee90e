"""Benchmarks: ``python -m bench.run`` (or ``./scripts/bench``) prints every figure of the
performance issue with its target. Benchmarks print figures; they are not tests."""
