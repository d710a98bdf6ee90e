"""The bundle's entry script (PyInstaller needs a file, not ``-m desktop``): the same as
``python -m desktop``. ``--self-test`` is handled in ``desktop.app`` before any Qt application
exists, so a bundle can prove itself on a machine with no display."""
from desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
