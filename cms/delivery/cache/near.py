"""A per-process copy of the answers this worker last read from a shared cache (Redis).

A hit then costs the content generation's read and nothing else: no round trip to Redis, no
unpickling of the answer. It is safe because an answer's cache key carries the content
generation: the answer under a key never changes (it only gains compressed variants, which
are put back here too). The copy keeps the current generation's answers only, the first
lookup under a new generation empties it, and each expires with the shared cache's timeout
(API_CACHE_TIMEOUT: review statuses change with the date). Bounded in bytes per process
(API_NEAR_CACHE_MB, 0 turns it off); off when the API cache is already per-process (locmem)
or caches nothing (dummy).
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from .generation import api_cache


def entry_bytes(entry):
    return len(entry.content) + sum(len(body) for body in entry.variants.values())


class NearCache:
    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.entries = OrderedDict()  # key: (expires at, bytes, entry), least recent first
        self.bytes = 0

    def limit(self):
        """Bytes this process may keep; 0 when the API cache is local already."""
        if isinstance(api_cache(), LocMemCache | DummyCache):
            return 0
        return getattr(settings, "API_NEAR_CACHE_MB", 32) * 1024 * 1024

    def _switch(self, generation):
        if generation != self.generation:
            self.generation = generation
            self.entries.clear()
            self.bytes = 0

    def get(self, generation, key):
        with self.lock:
            self._switch(generation)
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] <= time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return found[2]

    def put(self, generation, key, entry, timeout):
        limit = self.limit()
        size = entry_bytes(entry)
        if not limit or size > limit // 4:  # one huge answer must not evict all the others
            return
        with self.lock:
            self._switch(generation)
            self._drop(key)
            self.entries[key] = (time.monotonic() + timeout, size, entry)
            self.bytes += size
            while self.bytes > limit:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        found = self.entries.pop(key, None)
        if found is not None:
            self.bytes -= found[1]

    def clear(self):
        with self.lock:
            self._switch(None)


near_cache = NearCache()
