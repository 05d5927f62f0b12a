"""Django settings, split by where the code runs: base (shared), dev (demo and local
work), test (the pytest suite) and production. Every value that differs between
machines is read from the environment by core.settings.env."""
