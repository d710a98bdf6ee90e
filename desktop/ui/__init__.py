"""The Qt desktop app. Qt is imported only here and in ``desktop/app.py``."""
