"""A0, the limit: the least a Python WSGI server can do per cached page.

One Redis GET of a stored page of the same size as the article, returned as is; no
framework, no portal lookup, no counting. Our cached page is measured against it.
"""

import os

import redis

client = redis.Redis.from_url(os.environ["REDIS_URL"])
KEY = os.environ["A0_KEY"]


def application(environ, start_response):
    body = client.get(KEY) or b""
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
