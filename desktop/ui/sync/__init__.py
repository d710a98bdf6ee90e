"""The sync screen: enrolment, export, import and what is left to review."""
