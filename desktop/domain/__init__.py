"""The safeguarding domain: plain dataclasses, enums and rules. No Qt, no SQL."""
