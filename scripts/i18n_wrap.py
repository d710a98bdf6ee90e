"""Mark user-visible strings for translation (a one-off helper for converting a module; the
check that nothing is left is tests/test_translations.py, which shares ``VISIBLE_CALLS``).

    .venv/bin/python scripts/i18n_wrap.py desktop/reports/*.py      # rewrites in place

A string literal in a user-visible position (see ``visible_strings``) becomes ``_("...")``; an
f-string becomes ``_("... {name} ...").format(name=expr)`` (the translator sees named
placeholders; a placeholder a language does not need can be left out of its translation).
Modules that used ``_`` as a throwaway name get ``_ignored`` instead, and import ``_`` from
``desktop.i18n``. Prints what it could not convert.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

# call name -> which positional arguments are shown to a person ("*" = all) and which keywords
VISIBLE_CALLS: dict[str, tuple[tuple, tuple]] = {
    # Qt widgets and setters
    "QLabel": ((0,), ()), "QPushButton": ((0,), ()), "QCheckBox": ((0,), ()),
    "QRadioButton": ((0,), ()), "QGroupBox": ((0,), ()), "QAction": ((0,), ()),
    "QToolButton": ((0,), ()), "QTreeWidgetItem": (("*",), ()),
    "setText": ((0,), ()), "setWindowTitle": ((0,), ()), "setToolTip": ((0,), ()),
    "setStatusTip": ((0,), ()), "setPlaceholderText": ((0,), ()), "setWhatsThis": ((0,), ()),
    "addItem": ((0,), ()), "addTab": ((1,), ()), "insertTab": ((2,), ()),
    "setTabText": ((1,), ()), "setFormat": ((0,), ()), "setTitle": ((0,), ()),
    "setHeaderLabels": (("*",), ()), "setHorizontalHeaderLabels": (("*",), ()),
    "setAccessibleName": ((0,), ()), "setAccessibleDescription": ((0,), ()),
    "showMessage": ((0,), ()), "setLabelText": ((0,), ()), "setInformativeText": ((0,), ()),
    "setDetailedText": ((0,), ()), "setSpecialValueText": ((0,), ()),
    "setSuffix": ((0,), ()), "setPrefix": ((0,), ()), "setNameFilter": ((0,), ()),
    "warning": ((1, 2), ()), "information": ((1, 2), ()), "critical": ((1, 2), ()),
    "question": ((1, 2), ()), "getSaveFileName": ((1,), ()), "getOpenFileName": ((1,), ()),
    "getOpenFileNames": ((1,), ()), "getExistingDirectory": ((1,), ()),
    # the app's own widgets and helpers
    "heading": ((0,), ()), "hint": ((0,), ()), "name": ((1, 2), ()),
    "add_row": ((1, 3), ("help", "accessible_name")), "show_error": ((0,), ()),
    "show_message": ((0,), ()), "show_status": ((0,), ()), "status": ((0,), ()),
    "_action": ((0, 3), ("tip",)), "_button": ((0, 2), ()), "button": ((0,), ()),
    "section_label": ((0,), ()), "confirm": ((1, 2), ("detail",)), "Card": ((0,), ()),
    "MessageLabel": ((0,), ()), "EmptyState": ((0, 1), ()), "set_empty": ((0, 1), ()),
    "set_placeholder": ((0,), ()), "ask": ((1, 2), ()), "asking": ((1, 2, 4), ()),
    "addButton": ((0,), ()), "QListWidgetItem": ((0,), ()), "QTableWidgetItem": ((0,), ()),
    "setItemText": ((1,), ()), "setHeaderLabel": ((0,), ()), "insertItem": ((1,), ()),
    "addItems": (("*",), ()), "_start": ((0,), ()), "addMenu": ((0,), ()),
    "set_empty_text": ((1,), ()), "_pick_folder": ((0,), ()), "lock": ((0,), ()),
    "status_message": ((1,), ()),
    # errors and messages
    "UserError": ((0,), ()), "fail": ((0,), ()), "emit": ((1,), ()),
    "ReportError": ((0,), ()), "ValidationError": ((0,), ()), "StoreError": ((0,), ()),
    "SyncError": ((0,), ()), "ImportRefused": ((0,), ()), "PrintError": ((0,), ()),
    "Alert": ((1, 2), ("message", "action")), "progress": ((1,), ()),
    # reports (desktop/reports/flow.py)
    "title": ((0, 1), ()), "section": ((0,), ()), "P": ((0,), ()), "M": ((0,), ()),
    "Col": ((0,), ()), "ReportMeta": ((0, 2), ()), "none_recorded": ((0,), ()),
    "note": ((0,), ()), "caption": ((0,), ()), "fields": ((), ()), "bullet": ((0,), ()),
    # argparse
    "add_argument": ((), ("help",)), "add_parser": ((), ("help", "description")),
    "command": ((3,), ()), "group": ((1,), ()), "ArgumentParser": ((), ("description",)),
    "error": ((0,), ()),
}
SKIP = re.compile(r"^[\W\d_]*$|^[a-z0-9_.:/%-]+$|^&?[A-Z][A-Z0-9_]+$|^#[0-9a-fA-F]{3,8}$")


def call_name(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}


def is_log_call(node: ast.Call) -> bool:
    """``log.error(…)``, ``logger.warning(…)``, ``logging.getLogger(…).error(…)``: log
    messages stay English (the log is for support, never shown to the worker)."""
    f = node.func
    if not isinstance(f, ast.Attribute) or f.attr not in LOG_METHODS:
        return False
    target = f.value
    if isinstance(target, ast.Name):
        return target.id in ("log", "logger", "logging", "_log", "LOG")
    return (isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute)
            and target.func.attr == "getLogger")


def _is_marked(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    return isinstance(parent, ast.Call) and call_name(parent) in ("_", "N_", "ngettext")


def _text_of(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def needs_translation(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not SKIP.match(stripped) and any(c.isalpha() for c in stripped) \
        and not stripped.startswith(("<", "{", "%", "http", "application/", "image/"))


_is_logging = is_log_call      # the older name
def visible_strings(tree: ast.AST):
    """String nodes in user-visible positions that are not marked yet."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        spec = VISIBLE_CALLS.get(call_name(node))
        if spec is None or is_log_call(node):
            continue
        positions, keywords = spec
        args = []
        for i, a in enumerate(node.args):
            if "*" in positions or i in positions:
                args.append(a)
        args += [k.value for k in node.keywords if k.arg in keywords]
        for a in args:
            candidates = [a]
            if isinstance(a, (ast.List, ast.Tuple)):
                candidates = list(a.elts)
            elif isinstance(a, ast.IfExp):
                candidates = [a.body, a.orelse]
            for c in candidates:
                text = _text_of(c)
                if text is not None and needs_translation(text) and not _is_marked(c, parents):
                    yield c


# ----------------------------------------------------------------------------- rewriting
def _placeholder(expr: ast.AST, used: set[str]) -> str:
    base = ""
    if isinstance(expr, ast.Name):
        base = expr.id
    elif isinstance(expr, ast.Attribute):
        base = expr.attr
    elif isinstance(expr, ast.Call) and isinstance(expr.func, (ast.Name, ast.Attribute)):
        base = call_name(expr)
    base = re.sub(r"\W", "", base).strip("_") or "value"
    if base in ("format", "join", "get", "strip", "lower", "upper", "label"):
        base = "value"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def convert(node, source: str) -> str | None:
    seg = ast.get_source_segment(source, node)
    if isinstance(node, ast.Constant):
        return f"_({seg})"
    template, kwargs, used = [], [], set()
    for v in node.values:
        if isinstance(v, ast.Constant):
            template.append(v.value.replace("{", "{{").replace("}", "}}"))
            continue
        expr_src = ast.get_source_segment(source, v.value)
        if expr_src is None:
            return None
        name = _placeholder(v.value, used)
        conv = {-1: "", 115: "!s", 114: "!r", 97: "!a"}[v.conversion]
        spec = ""
        if v.format_spec is not None:
            if any(not isinstance(p, ast.Constant) for p in v.format_spec.values):
                return None
            spec = ":" + "".join(p.value for p in v.format_spec.values)
        template.append("{" + name + conv + spec + "}")
        kwargs.append(f"{name}={expr_src}")
    text = "".join(template)
    return f"_({text!r}).format({', '.join(kwargs)})" if kwargs else f"_({text!r})"


def rewrite(path: Path) -> tuple[int, list[str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def pos(lineno, col):
        return offsets[lineno - 1] + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))

    edits, problems = [], []
    for node in visible_strings(tree):
        new = convert(node, source)
        if new is None:
            problems.append(f"{path}:{node.lineno}: could not convert")
            continue
        edits.append((pos(node.lineno, node.col_offset),
                      pos(node.end_lineno, node.end_col_offset), new))
    # throwaway `_` names would shadow the function
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            s = pos(node.lineno, node.col_offset)
            edits.append((s, s + 1, "_ignored"))
        elif isinstance(node, ast.arg) and node.arg == "_":
            s = pos(node.lineno, node.col_offset)
            edits.append((s, s + 1, "_ignored"))
    if not edits:
        return 0, problems
    edits.sort(key=lambda e: e[0], reverse=True)
    last_end = None
    for start, end, new in edits:
        if last_end is not None and end > last_end:
            continue                                   # nested in one already rewritten
        source = source[:start] + new + source[end:]
        last_end = start
    if not re.search(r"from desktop\.i18n import [^\n]*\b_\b", source):
        source = _add_import(source)
    path.write_text(source, encoding="utf-8")
    return len([e for e in edits if e[2] != "_ignored"]), problems


def _add_import(source: str) -> str:
    tree = ast.parse(source)
    after = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            after = node.end_lineno
        elif isinstance(node, ast.Expr) and isinstance(getattr(node, "value", None), ast.Constant):
            after = after or node.end_lineno
        else:
            break
    lines = source.splitlines(keepends=True)
    lines.insert(after, "from desktop.i18n import _, ngettext  # noqa: F401\n")
    return "".join(lines)


def domain_labels() -> dict[str, str]:
    """English ``label`` of every enum member in ``desktop/domain``, and the label, help and
    Add-button text of every described field (``desktop/domain/fields.py``) -> where it comes from.
    Labels are often computed (``value.capitalize()``), so extraction cannot see them:
    ``scripts/translations`` adds these to the template and the test checks them."""
    import enum
    import importlib
    import inspect
    import pkgutil

    import dataclasses

    import desktop.domain as domain
    from desktop import i18n
    from desktop.domain.fields import described_fields
    was = i18n.language()
    i18n.set_language("en")
    out: dict[str, str] = {}
    try:
        for info in pkgutil.iter_modules(domain.__path__):
            if info.ispkg:
                continue
            module = importlib.import_module(f"desktop.domain.{info.name}")
            for name, cls in vars(module).items():
                if inspect.isclass(cls) and issubclass(cls, enum.Enum) and \
                        cls.__module__ == module.__name__ and \
                        isinstance(getattr(cls, "label", None), property):
                    for member in cls:
                        out.setdefault(member.label, f"{module.__name__}.{name}.{member.name}")
                if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and \
                        cls.__module__ == module.__name__:
                    try:
                        described = described_fields(cls)
                    except (TypeError, AttributeError):
                        continue
                    for d in described:          # the forms' labels, help and Add buttons
                        for text in (d.info.label, d.info.plain, d.info.help, d.info.add):
                            if text:
                                out.setdefault(text, f"{module.__name__}.{name}.{d.name}")
        from desktop.domain.checklist_catalogue import BY_CODE   # item titles: _(title)
        for code, item in BY_CODE.items():
            out.setdefault(item.title, f"desktop.domain.checklist_catalogue.{code}")
    finally:
        i18n.set_language(was)
    return out


def add_labels_to_template(pot: str) -> int:
    """Add the domain labels to the extracted template ``pot`` (see ``domain_labels``)."""
    from babel.messages.pofile import read_po, write_po
    with open(pot, "rb") as fh:
        catalogue = read_po(fh)
    added = 0
    for text, where in domain_labels().items():
        if text not in catalogue:
            catalogue.add(text, auto_comments=[f"label of {where}"])
            added += 1
    with open(pot, "wb") as fh:
        write_po(fh, catalogue, width=0, sort_by_file=True)
    return added


def main(paths: list[str]) -> int:
    if paths[:1] == ["--labels-into"]:
        print(f"added {add_labels_to_template(paths[1])} domain labels", file=sys.stderr)
        return 0
    total = 0
    for p in paths:
        n, problems = rewrite(Path(p))
        total += n
        for line in problems:
            print(line)
    print(f"marked {total} strings in {len(paths)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
