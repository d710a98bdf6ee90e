"""The Qt desktop app. Qt is imported only here and in ``desktop/app.py``."""
import ctypes as _ctypes
import sys as _sys


def _make_bools_immortal() -> None:
    """Work around a PySide6 6.12 bug: every ``Signal.emit()`` made from Python releases one
    reference to ``True`` that it never took. On Python 3.11, where ``True`` is an ordinary
    counted object (it is immortal from 3.12 on), the count reaches zero after a few thousand
    emits and the interpreter aborts with "bool_dealloc: deallocating True or False". Give
    ``True`` and ``False`` an enormous reference count, as 3.12 does in effect, so the stray
    releases can never free them. pyproject.toml pins PySide6 below 6.12, so this is a guard
    for anyone who installs 6.12.0 by hand; ``tests/ui/test_pyside_signals.py`` tells whether
    the installed PySide6 still has the bug."""
    if _sys.version_info < (3, 12) and _sys.implementation.name == "cpython":
        for value in (True, False):
            _ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40


_make_bools_immortal()
