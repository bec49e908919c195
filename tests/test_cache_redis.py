"""The shared Redis cache: shared between processes, and an outage costs speed, never an error page."""

import logging

import pytest
from django.core.cache import caches
from django.test import Client

from core.cache import ResilientRedisCache

from .factories import InstitutionPageFactory
from .services import free_port, redis_caches


def make_cache(url):
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}})


@pytest.fixture
def closed_port_url():
    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


def test_a_cache_on_a_closed_port_behaves_as_a_miss_and_logs_once(closed_port_url, caplog):
    cache = make_cache(closed_port_url)
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        cache.set("key", "value")
        assert cache.get("key") is None
        assert cache.get("key", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("key", "value") is False
        assert cache.get_or_set("key", "computed") == "computed"
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete("key") is False
        assert cache.has_key("key") is False
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.ping() is False
    outage = [r for r in caplog.records if r.name == "core.cache"]
    assert len(outage) == 1  # rate-limited: one message for the burst
    assert "serving uncached" in outage[0].getMessage()


def test_pages_answer_when_redis_is_down(settings, closed_port_url, directory, caplog):
    settings.CACHES = redis_caches(closed_port_url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    school = InstitutionPageFactory(parent=directory)
    client = Client()
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        for url in ("/ky/", directory.url, directory.url + "?q=мектеп", school.url):
            assert client.get(url).status_code == 200, url
    assert any("Cache unavailable" in r.getMessage() for r in caplog.records)


def test_processes_share_the_cache_through_a_real_redis(redis_server):
    first, second = make_cache(redis_server.url), make_cache(redis_server.url)  # as two processes would
    first.set("answer", {"count": 42})
    assert second.get("answer") == {"count": 42}
    assert second.ping() is True


def test_the_cache_recovers_when_redis_comes_back(redis_server, caplog):
    cache = make_cache(redis_server.url)
    cache.set("before", 1)
    redis_server.stop()
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        assert cache.get("before") is None
        cache.set("during", 2)  # lost, silently
    assert any("Cache unavailable" in r.getMessage() for r in caplog.records)
    redis_server.start()  # same port, empty (no persistence)
    cache.set("after", 3)
    assert cache.get("after") == 3


def test_public_pages_fill_the_redis_cache_and_sessions_survive(settings, redis_server, directory, admin_user):
    settings.CACHES = redis_caches(redis_server.url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    InstitutionPageFactory(parent=directory)
    client = Client()
    assert client.get(directory.url + "?q=мектеп").status_code == 200
    cache = caches["default"]
    keys = cache._cache.get_client().keys("test:*")
    assert keys, "the search answer was not cached in Redis"
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    redis_server.stop()  # sessions fall back to the database
    assert client.get("/admin/").status_code == 200
