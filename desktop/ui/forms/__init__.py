"""The shared form layer: declarative forms (``ObjectForm(Field…)``), the list editor, drafts
that keep typed work, and the dialog every form shares."""
