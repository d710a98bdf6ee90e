"""Opening the store: the first-run set-up wizard and the unlock screen."""
