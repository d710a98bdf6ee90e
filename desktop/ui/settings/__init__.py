"""Settings (Ctrl+,): the registry-driven settings page and passphrase security."""
