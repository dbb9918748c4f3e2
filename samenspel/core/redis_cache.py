"""Django's Redis cache backend, reusing one Redis client per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache call;
redis-py fills a table of about 170 response callbacks in each one. With sessions in Redis that
is on every logged-in request: about a tenth of the logged-in floor page's time (profiled in
docs/performance.md). A `redis.Redis` object is safe to share: it takes a connection from its
pool per command.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
