"""The Redis cache backend reuses one client per connection pool (samenspel/core/redis_cache.py).

No Redis server is needed: making a client opens no connection.
"""

from samenspel.core.redis_cache import RedisCache


def test_the_same_client_serves_every_call():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client  # one server: reads and writes share its pool


def test_each_server_has_its_own_client():
    cache = RedisCache("redis://127.0.0.1:6379/15;redis://127.0.0.1:6379/14", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()  # the second server: reads go to the replicas
    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["db"] == 15
    assert reader.connection_pool.connection_kwargs["db"] == 14
    assert cache._cache.get_client() is reader
