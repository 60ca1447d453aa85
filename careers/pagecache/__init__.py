"""The page cache: public pages kept whole, compressed, until the content changes.

Built on Django's low-level cache API:

- ``store``: the keys (release, content version, day, path), and reading and keeping entries
  in the shared cache (Redis, or files) with each worker's copy in the ``pages-memory``
  LocMemCache alias;
- ``entries``: what is kept of a response (its body, plain and compressed once, and the
  headers it needs) and the response made from it, 304s by Django's own
  ``get_conditional_response``;
- ``decorators``: ``cached_public_page`` and ``cached_view`` for the views, and
  ``revalidated_page`` (ETags only) for search;
- ``middleware``: the early answer, before sessions and auth run.

The content version (occupations/content_version.py) is in every key, so an edit makes every
page stale at once, on every node that shares the cache.
"""
