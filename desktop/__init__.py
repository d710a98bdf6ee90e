"""Stickability: offline-first desktop client for safeguarding outreach."""

__version__ = "0.1.0"
APP_NAME = "Stickability"
