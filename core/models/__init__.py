"""The page types every portal shares; each portal has its own tree of them."""

from .home import HomePage

__all__ = ["HomePage"]
