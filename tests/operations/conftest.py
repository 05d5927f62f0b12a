from tests.analytics.conftest import portals  # noqa: F401 - the demo province, counting from zero
