"""Theme registry and per-portal theme settings."""
