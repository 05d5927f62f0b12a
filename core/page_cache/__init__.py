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
"""
