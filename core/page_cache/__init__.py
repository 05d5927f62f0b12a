"""Full-page cache for anonymous readers, in Redis, per portal.

keys          which requests may be cached, and the key of each (host, path, query,
              language and the portal's cache generation)
store         the Redis side: one round trip to fetch a page (a Lua script that reads
              the portal's generation and the page together), a bounded store, and
              generation bumps that invalidate one portal at a time
fast_path     a WSGI app in front of Django that answers hits without entering
              Django at all: the hottest code in the system
middleware    stores what Django rendered on a miss, if it is safe to share
invalidation  signals: publishing, moving, deleting pages, changing a portal's
              settings, snippets or media bump that portal's generation (and its
              province's and districts', which list each other's pages)

A cache in front (nginx's proxy_cache, a CDN), when FRONTEND_CACHE_URL or a CDN is
configured:
front_headers  what it may keep (Cache-Control: s-maxage) and the tags it keeps it under
purge_urls     which addresses each change makes it drop, from invalidation's decisions
front_purge    sends them after the commit, through Celery, never failing the change
purge_backend  the PURGE requests deploy/nginx/ understands
"""
