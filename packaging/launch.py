"""The bundle's entry script (PyInstaller needs a file, not ``-m desktop``).

``--self-test`` is answered here before anything imports Qt's application objects, so a bundle
can prove itself even on a machine with no display; everything else goes to ``desktop.app``.
"""
import sys


def _run() -> int:
    if "--self-test" in sys.argv[1:]:
        from desktop.selftest import main as self_test
        return self_test()
    from desktop.app import main
    return main()


if __name__ == "__main__":
    raise SystemExit(_run())
