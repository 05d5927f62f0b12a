"""ALLOWED_HOSTS that follow the registered portals instead of '*'.

Django validates the Host header against settings.ALLOWED_HOSTS by iterating over it;
this list-like object yields the operator's fixed hosts (EXTRA_ALLOWED_HOSTS) and the hostname
and aliases of every registered portal. Kept free of model imports at module level
because settings import it.
"""


class RegisteredHosts(list):
    # A list subclass because Django insists on a list or tuple; its contents are
    # computed on every iteration instead of stored.

    def __iter__(self):
        from django.conf import settings

        yield from settings.EXTRA_ALLOWED_HOSTS
        from .registry import registry

        yield from registry.hostnames()

    def __contains__(self, host):
        return any(host == allowed for allowed in self)

    def __bool__(self):
        # Never empty in the sense Django's checks mean: portals are added at run time.
        return True

    def __repr__(self):
        return "RegisteredHosts(<fixed hosts + registered portal hostnames>)"
