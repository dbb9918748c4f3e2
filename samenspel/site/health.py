"""`/health/`: for a load balancer, whether this process reaches what it needs (docs/production.md, 8).

200 "ok" when PostgreSQL answers and, where configured, Redis (the shared cache, and the task queue
with TASKS_BACKEND=rq); else 503 naming the part that failed, without details. No login, no
redirect to https (settings.SECURE_REDIRECT_EXEMPT), never cached.
"""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _redis(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def checks() -> dict[str, bool]:
    """Each part this process needs, and whether it answers now."""
    result = {"database": _database()}
    if settings.REDIS_URL:
        result["cache"] = _redis(settings.REDIS_URL)
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
        result["task queue"] = _redis(settings.TASKS_REDIS_URL)
    return result


@never_cache
@require_safe
def health(request):
    failing = [name for name, ok in checks().items() if not ok]
    if failing:
        logger.warning("Health check failed: %s.", ", ".join(failing))
        return HttpResponse(f"unavailable: {', '.join(failing)}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
